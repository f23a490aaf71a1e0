package dev.snapfusion.bridge.toy;

/**
 * The largest 4-connected region of a mask and its measures: area, bounding box, fill ratio (area over box area),
 * aspect (box width over height) and the area centroid's height within the box (0 top, 1 bottom).
 * Speckles of noise and stray blobs are smaller regions and drop out.
 */
record ShapeRegion(int area, int boxWidth, int boxHeight, double fill, double aspect, double centroidY) {
    static final ShapeRegion EMPTY = new ShapeRegion(0, 0, 0, 0, 0, 0);

    static ShapeRegion largest(boolean[] mask, int width, int height) {
        int[] queue = new int[mask.length];
        boolean[] seen = new boolean[mask.length];
        ShapeRegion best = EMPTY;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) continue;
            int head = 0, tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            int minX = width, minY = height, maxX = -1, maxY = -1;
            long sumY = 0;
            while (head < tail) {
                int p = queue[head++];
                int x = p % width, y = p / width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                sumY += y;
                if (x > 0) tail = visit(mask, seen, queue, tail, p - 1);
                if (x < width - 1) tail = visit(mask, seen, queue, tail, p + 1);
                if (y > 0) tail = visit(mask, seen, queue, tail, p - width);
                if (y < height - 1) tail = visit(mask, seen, queue, tail, p + width);
            }
            int area = tail;
            if (area > best.area) {
                int bw = maxX - minX + 1, bh = maxY - minY + 1;
                // centre of the pixel rows, measured from the box's top edge, over the box height
                double centroid = ((double) sumY / area + 0.5 - minY) / bh;
                best = new ShapeRegion(area, bw, bh, (double) area / ((long) bw * bh), (double) bw / bh, centroid);
            }
        }
        return best;
    }

    private static int visit(boolean[] mask, boolean[] seen, int[] queue, int tail, int q) {
        if (mask[q] && !seen[q]) {
            seen[q] = true;
            queue[tail++] = q;
        }
        return tail;
    }
}
