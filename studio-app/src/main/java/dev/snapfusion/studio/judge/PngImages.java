package dev.snapfusion.studio.judge;

import dev.snapfusion.bridge.toy.RgbImage;
import dev.snapfusion.studio.common.StudioError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Reads a PNG into an {@link RgbImage}; anything else is a {@link StudioError} naming the file. */
final class PngImages {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngImages() {
    }

    static RgbImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StudioError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < SIGNATURE.length || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new StudioError(file + " is not a PNG (it lacks the PNG signature)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new StudioError(file + " is not a readable PNG: " + e.getMessage(), e);
        }
        if (img == null) throw new StudioError(file + " is not a readable PNG");
        int w = img.getWidth(), h = img.getHeight();
        return RgbImage.fromPacked(w, h, img.getRGB(0, 0, w, h, null, 0, w));
    }
}
