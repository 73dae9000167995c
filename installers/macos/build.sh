#!/bin/bash
# Builds the macOS disk image of CompressLab (.dmg) with jpackage.
#
# Needs:    macOS on Apple silicon (arm64; ONNX Runtime ships no macOS x64 natives) and a JDK 17 or later for
#           arm64 with jpackage (JAVA_HOME, or on PATH), e.g. Eclipse Temurin 17 aarch64; hdiutil, codesign,
#           sips and iconutil come with macOS; Maven Central reachable on the first build (the Maven wrapper
#           fetches Maven and the macOS natives).
# Produces: target/installer/CompressLab.app - the app-image (Contents/MacOS/CompressLab opens the window,
#           or runs the CLI with a subcommand) and target/installer/CompressLab-VERSION.dmg to drag it into
#           Applications. Not signed with a Developer ID, nor notarised: the app is signed ad hoc, which lets
#           it run where it was built; a copy downloaded elsewhere is stopped by Gatekeeper until the user
#           allows it (Finder: Control-click, Open). Before packaging it checks that the built app answers
#           --version as CompressLab.
# Run:      installers/macos/build.sh            (VERSION=0.1.0 by default)
#
# Maven picks the macOS natives (PyTorch osx-aarch64, TensorFlow macosx-arm64, JavaFX mac-aarch64) by itself
# on an arm64 JDK: see the natives-macos-arm64 profile in pom.xml. The installed launcher runs itself once
# more through the bundled bin/engine-env.sh (see InstalledLauncher), so the engine gets the same environment
# as bin/compresslab. Same inputs and java-options as installers/linux/build.sh. About 3-5 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
VERSION=${VERSION:-0.1.0}
OUT=target/installer
INPUT=$OUT/input
APP=$OUT/CompressLab.app

die() {
    echo "build.sh: $*" >&2
    exit 1
}

[ "$(uname -s)" = Darwin ] || die "this builds the macOS installer: run it on macOS (installers/linux/build.sh is for Linux)"
[ "$(uname -m)" = arm64 ] || die "needs Apple silicon (arm64): ONNX Runtime and PyTorch publish macOS natives for arm64 only"
JPACKAGE=jpackage
JAR=jar
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
    JPACKAGE=$JAVA_HOME/bin/jpackage
    JAR=$JAVA_HOME/bin/jar
fi
command -v "$JPACKAGE" >/dev/null || die "jpackage not found: install a JDK 17 or later for arm64 (e.g. Temurin 17 aarch64) and set JAVA_HOME"

# "clean": target/lib must not keep natives of another platform from an earlier build
./mvnw -q -B -Dmaven.test.skip=true clean package
for native in "pytorch-native-cpu-*-osx-aarch64.jar" "tensorflow-core-native-*-macosx-arm64.jar"; do
    # shellcheck disable=SC2086 # the pattern is meant to expand
    ls target/lib/$native >/dev/null 2>&1 \
        || die "target/lib has no $native: Maven did not pick the macOS natives (the natives-macos-arm64 profile in pom.xml needs an arm64 JDK, not an x64 one under Rosetta)"
done

rm -rf "$OUT"
mkdir -p "$INPUT/bin"
"$JAR" --create --file "$INPUT/compresslab.jar" -C target/classes .
cp target/lib/*.jar "$INPUT/"
# what the app reads from its home: the bundled dataset, the sample models, the engine's environment
mkdir -p "$INPUT/resources"
cp -R resources/datasets "$INPUT/resources/"
mkdir -p "$INPUT/sample-models"
cp sample-models/*.onnx sample-models/README.md "$INPUT/sample-models/"
cp -R sample-models/recipes "$INPUT/sample-models/"
cp -R sample-models/fashion_cnn_savedmodel "$INPUT/sample-models/"
cp bin/engine-env.sh "$INPUT/bin/"

# The repository carries the .icns; without it, make one from the PNG with macOS's own tools.
ICON=installers/compresslab.icns
if [ ! -f "$ICON" ]; then
    ICONSET=$OUT/compresslab.iconset
    mkdir -p "$ICONSET"
    for size in 16 32 128; do
        sips -z "$size" "$size" installers/compresslab.png --out "$ICONSET/icon_${size}x${size}.png" >/dev/null
        double=$((size * 2))
        sips -z "$double" "$double" installers/compresslab.png --out "$ICONSET/icon_${size}x${size}@2x.png" >/dev/null
    done
    cp installers/compresslab.png "$ICONSET/icon_256x256.png"
    iconutil -c icns -o "$OUT/compresslab.icns" "$ICONSET"
    ICON=$OUT/compresslab.icns
fi

package=(--name CompressLab --app-version "$VERSION" --vendor "CompressLab"
    --description "Workbench for compressing computer-vision models" --icon "$ICON"
    --mac-package-identifier org.compresslab --mac-package-name CompressLab
    --mac-app-category developer-tools --dest "$OUT")
# single quotes: jpackage's launcher fills in $APPDIR (CompressLab.app/Contents/app) when the app starts
# shellcheck disable=SC2016
"$JPACKAGE" --type app-image "${package[@]}" --input "$INPUT" --main-jar compresslab.jar \
    --main-class org.compresslab.Main \
    --java-options '-Dcompresslab.home=$APPDIR' --java-options '-Dcompresslab.envFile=$APPDIR/bin/engine-env.sh'
# Apple silicon runs only signed code; older jpackage 17 builds leave the bundle unsigned, so sign it ad hoc.
if ! codesign --verify --deep --strict "$APP" 2>/dev/null; then
    codesign --force --deep --sign - "$APP"
    codesign --verify --deep --strict "$APP"
fi
# The launcher re-runs itself for the engine's environment: check it reaches CompressLab's own CLI.
version=$("$APP/Contents/MacOS/CompressLab" --version) || die "the built app failed to run --version"
case "$version" in
    CompressLab*) echo "built app: $version" ;;
    *) die "the built app answered --version with: $version" ;;
esac
# the disk image holds exactly the app just built and signed
"$JPACKAGE" --type dmg --app-image "$APP" "${package[@]}"
ls -la "$OUT"
