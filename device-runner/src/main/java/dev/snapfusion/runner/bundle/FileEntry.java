package dev.snapfusion.runner.bundle;

/** A file of the bundle, relative to the bundle folder, with its sha256 (lower-case hex) and size. */
public record FileEntry(String path, String sha256, long size) {
}
