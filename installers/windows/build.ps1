# Builds the Windows installer of CompressLab (.msi) with jpackage.
#
# Needs:    Windows 10 or 11 on x64; a JDK 17 or later for Windows x64 with jpackage (JAVA_HOME, or on PATH),
#           e.g. Eclipse Temurin 17; the WiX Toolset 3 (3.11 or 3.14: candle.exe and light.exe on PATH or in
#           its default folder; JDK 17's jpackage does not know WiX 4 or later); Maven Central reachable on
#           the first build (the Maven wrapper fetches Maven and the Windows natives).
# Produces: target\installer\CompressLab\ - the app-image: CompressLab.exe (the window, or the CLI with a
#           subcommand) and CompressLab-CLI.exe (the same with a console, for the command line);
#           target\installer\CompressLab-VERSION.msi - installs per machine into Program Files (the folder
#           can be changed in the installer), with a Start menu group and a desktop shortcut. Before packaging
#           it checks that the built app answers --version as CompressLab. Machines that run the app need the
#           Microsoft Visual C++ 2015-2022 Redistributable (x64): PyTorch's and ONNX Runtime's DLLs link to it.
# Run:      powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [-Version 0.1.0]
#
# Maven picks the Windows natives (PyTorch win-x86_64, TensorFlow windows-x86_64, JavaFX win) by itself on
# Windows x64: see the natives-windows-x64 profile in pom.xml. The installed launcher runs itself once more
# with the plain exports of the bundled bin\engine-env.sh set (see InstalledLauncher), so the engine gets
# the same environment as bin/compresslab on Linux. Same inputs and java-options as installers/linux/build.sh.
# Kept to ASCII: Windows PowerShell 5.1 reads a script without a byte-order mark as ANSI.

[CmdletBinding()]
param(
    [string]$Version = $(if ($env:VERSION) { $env:VERSION } else { '0.1.0' })
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Upgrades replace the installed version instead of installing beside it: keep this fixed across versions.
$UpgradeUuid = '8bb5a764-5ee0-4f79-b022-74208d8e33b9'

# Windows PowerShell does not stop when a native program fails: check its exit code.
function Invoke-Tool {
    param([Parameter(Mandatory = $true)][string]$Tool, [string[]]$Arguments = @())
    & $Tool @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$Tool failed with exit code $LASTEXITCODE"
    }
}

function Find-JdkTool {
    param([Parameter(Mandatory = $true)][string]$Name)
    if ($env:JAVA_HOME) {
        $candidate = Join-Path $env:JAVA_HOME "bin\$Name.exe"
        if (Test-Path $candidate) {
            return $candidate
        }
    }
    $command = Get-Command "$Name.exe" -ErrorAction SilentlyContinue
    if ($command) {
        return $command.Path
    }
    throw "$Name.exe not found: install a JDK 17 or later for Windows x64 (for example Eclipse Temurin 17) and set JAVA_HOME to it or put its bin folder on PATH."
}

# jpackage runs WiX's candle.exe and light.exe; the WiX 3 installer does not always put them on PATH.
function Assert-Wix3 {
    if ((Get-Command 'candle.exe' -ErrorAction SilentlyContinue) -and (Get-Command 'light.exe' -ErrorAction SilentlyContinue)) {
        return
    }
    $roots = @($env:ProgramFiles, ${env:ProgramFiles(x86)}) | Where-Object { $_ }
    foreach ($root in $roots) {
        $bin = Get-ChildItem -Path $root -Directory -Filter 'WiX Toolset v3*' -ErrorAction SilentlyContinue |
            Sort-Object Name -Descending | ForEach-Object { Join-Path $_.FullName 'bin' } |
            Where-Object { Test-Path (Join-Path $_ 'candle.exe') } | Select-Object -First 1
        if ($bin) {
            Write-Host "Using WiX from $bin"
            $env:PATH = "$bin;$env:PATH"
            return
        }
    }
    throw 'WiX Toolset 3 not found (candle.exe, light.exe): install WiX 3.14 from https://github.com/wixtoolset/wix3/releases and put its bin folder on PATH. JDK 17''s jpackage cannot use WiX 4 or later.'
}

$arch = if ($env:PROCESSOR_ARCHITEW6432) { $env:PROCESSOR_ARCHITEW6432 } else { $env:PROCESSOR_ARCHITECTURE }
if ($arch -ne 'AMD64') {
    throw "This builds the Windows x64 installer and needs Windows on x64 (this is $arch): PyTorch and TensorFlow publish Windows natives for x64 only."
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
Push-Location $Root
try {
    $jpackage = Find-JdkTool 'jpackage'
    $jar = Find-JdkTool 'jar'
    Assert-Wix3

    $Out = Join-Path $Root 'target\installer'
    $AppInput = Join-Path $Out 'input'

    # "clean": target\lib must not keep natives of another platform from an earlier build
    Invoke-Tool (Join-Path $Root 'mvnw.cmd') @('-q', '-B', '-Dmaven.test.skip=true', 'clean', 'package')
    foreach ($native in 'pytorch-native-cpu-*-win-x86_64.jar', 'tensorflow-core-native-*-windows-x86_64.jar') {
        if (-not (Get-ChildItem -Path (Join-Path $Root 'target\lib') -Filter $native)) {
            throw "target\lib has no $native : Maven did not pick the Windows natives (profile natives-windows-x64 in pom.xml needs a 64-bit x64 JDK)."
        }
    }

    if (Test-Path $Out) {
        Remove-Item -Recurse -Force $Out
    }
    New-Item -ItemType Directory -Force -Path (Join-Path $AppInput 'bin') | Out-Null
    Invoke-Tool $jar @('--create', '--file', (Join-Path $AppInput 'compresslab.jar'), '-C', (Join-Path $Root 'target\classes'), '.')
    Copy-Item -Path 'target\lib\*.jar' -Destination $AppInput
    # what the app reads from its home: the bundled dataset, the sample models, the engine's environment
    $resources = New-Item -ItemType Directory -Force -Path (Join-Path $AppInput 'resources')
    Copy-Item -Recurse -Path 'resources\datasets' -Destination $resources.FullName
    $samples = New-Item -ItemType Directory -Force -Path (Join-Path $AppInput 'sample-models')
    Copy-Item -Path 'sample-models\*.onnx', 'sample-models\README.md' -Destination $samples.FullName
    Copy-Item -Recurse -Path 'sample-models\recipes' -Destination $samples.FullName
    Copy-Item -Recurse -Path 'sample-models\fashion_cnn_savedmodel' -Destination $samples.FullName
    Copy-Item -Path 'bin\engine-env.sh' -Destination (Join-Path $AppInput 'bin')

    $package = @(
        '--name', 'CompressLab',
        '--app-version', $Version,
        '--vendor', 'CompressLab',
        '--description', 'Workbench for compressing computer-vision models',
        '--icon', (Join-Path $Root 'installers\compresslab.ico'),
        '--dest', $Out
    )
    # single quotes: jpackage's launcher, not PowerShell, fills in $APPDIR when the app starts
    $launcher = @(
        '--input', $AppInput,
        '--main-jar', 'compresslab.jar',
        '--main-class', 'org.compresslab.Main',
        '--java-options', '-Dcompresslab.home=$APPDIR',
        '--java-options', '-Dcompresslab.envFile=$APPDIR/bin/engine-env.sh',
        '--add-launcher', ('CompressLab-CLI=' + (Join-Path $Root 'installers\windows\compresslab-cli.properties'))
    )
    Invoke-Tool $jpackage (@('--type', 'app-image') + $package + $launcher)
    # The launcher re-runs itself for the engine's environment: check it reaches CompressLab's own CLI.
    $cli = Join-Path $Out 'CompressLab\CompressLab-CLI.exe'
    $answer = (& $cli '--version' | Out-String).Trim()
    if ($LASTEXITCODE -ne 0 -or -not $answer.StartsWith('CompressLab')) {
        throw "The built app answered --version with: $answer (exit code $LASTEXITCODE)"
    }
    Write-Host "built app: $answer"
    # the .msi installs exactly the app-image just built
    Invoke-Tool $jpackage (@('--type', 'msi', '--app-image', (Join-Path $Out 'CompressLab')) + $package + @(
        '--win-menu', '--win-menu-group', 'CompressLab', '--win-shortcut', '--win-dir-chooser',
        '--win-upgrade-uuid', $UpgradeUuid
    ))
    Get-ChildItem -Path $Out | Format-Table -AutoSize Mode, Length, Name
}
finally {
    Pop-Location
}
