#!/bin/bash
# Builds the Linux app-image and .deb with jpackage (JDK 17; needs fakeroot, binutils, dpkg-dev).
# Output: target/installer/compresslab (app-image) and target/installer/compresslab_VERSION_amd64.deb.
# The installed launcher re-runs itself through lib/app/bin/engine-env.sh (see InstalledLauncher), so
# the engine gets the same environment as bin/compresslab. About 3-5 minutes; the .deb is about 400 MiB.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
VERSION=${VERSION:-0.1.0}
OUT=target/installer
INPUT=$OUT/input
./mvnw -q -B -Dmaven.test.skip=true package
rm -rf "$OUT"
mkdir -p "$INPUT/bin"
jar --create --file "$INPUT/compresslab.jar" -C target/classes .
cp target/lib/*.jar "$INPUT/"
# what the app reads from its home: the bundled dataset, the sample models, the engine's environment
mkdir -p "$INPUT/resources"
cp -r resources/datasets "$INPUT/resources/"
mkdir -p "$INPUT/sample-models"
cp sample-models/*.onnx sample-models/README.md "$INPUT/sample-models/"
cp -r sample-models/recipes "$INPUT/sample-models/"
cp -r sample-models/fashion_cnn_savedmodel "$INPUT/sample-models/"
cp bin/engine-env.sh "$INPUT/bin/"
common=(--name compresslab --app-version "$VERSION" --vendor "CompressLab"
    --description "Workbench for compressing computer-vision models"
    --input "$INPUT" --main-jar compresslab.jar --main-class org.compresslab.Main
    --java-options '-Dcompresslab.home=$APPDIR' --java-options '-Dcompresslab.envFile=$APPDIR/bin/engine-env.sh'
    --icon installers/compresslab.png --dest "$OUT")
jpackage --type app-image "${common[@]}"
# the installed launcher re-runs itself; a launcher that answers with Java's version instead of ours is
# broken (jpackage's _JPACKAGE_LAUNCHER inherited by the re-run did exactly that once): never package it
v=$("$OUT/compresslab/bin/compresslab" --version 2>&1 || true)
case "$v" in
    CompressLab*) echo "app-image answers: $v" ;;
    *) echo "the app-image's launcher answered '$v' instead of CompressLab's version" >&2; exit 1 ;;
esac
jpackage --type deb "${common[@]}" --linux-package-deps "libgtk-3-0" --linux-shortcut \
    --linux-menu-group "Development;Science" --linux-app-category science
ls -la "$OUT"
