package io.glance.adapters.importing;

/** qemu-img failed, was killed by a limit, or reported something that makes the image unacceptable. */
final class QemuImgException extends RuntimeException {

    QemuImgException(String message) {
        super(message);
    }
}
