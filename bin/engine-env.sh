# The environment CompressLab's engine needs, sourced (POSIX sh) by the launcher, CI and every script
# that runs Java directly, so all of them measure and train under the same conditions.
# Windows has no shell to source this with: there the installed launcher (InstalledLauncher) reads the
# plain `export NAME=value` lines at the start of a line and sets them itself. Keep those values literal;
# what is computed in shell code below (glibc's tunables) only applies where there is glibc.

# DJL's PyTorch gives intermittent NaN gradients on AVX-512 CPUs unless oneDNN is held to AVX2.
export DNNL_MAX_CPU_ISA=AVX2
# Nothing may download at run time.
export DJL_OFFLINE=true
export OPT_OUT_TRACKING=true
# TensorFlow's own oneDNN kernels, held to AVX2 by the line above, ran ResNet-20 20x slower (22.6 ms vs 1.10 ms
# at batch 1); with them off TensorFlow uses its Eigen kernels (1.48 ms). Measured in bench/run-savedmodel.sh.
export TF_ENABLE_ONEDNN_OPTS=0
# TensorFlow's native logging (info lines at every session) would bury CompressLab's own messages.
export TF_CPP_MIN_LOG_LEVEL=2
# Training allocates tensors of tens of MB at every step; by default glibc maps each one fresh from the
# OS and the next step page-faults it in again. Keeping them in the heap made MobileNetV2 training
# about 3x faster here (32 -> 97 images/s; see the README). Added once, after any tunables already set.
case ":${GLIBC_TUNABLES:-}:" in
    *glibc.malloc.mmap_threshold=*) ;;
    *) export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=4294967296" ;;
esac
