package dev.snapfusion.studio.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.common.StudioError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundles of a workspace as the Models page lists them: two real conversions, a broken manifest, what is skipped. */
class BundleCatalogTest {
    @TempDir
    static Path converted;
    static Path fp32;
    static Path fp16;

    @TempDir
    Path workspace;

    @BeforeAll
    static void convertTwo() throws Exception {
        fp32 = BundleConverter.convert("synthetic:demo:snapfusion", Quantization.FP32, converted.resolve("sf-fp32"),
                ConvertListener.NONE).dir();
        fp16 = BundleConverter.convert(ConvertRequest.of("synthetic:demo:snapfusion", converted.resolve("sf-fp16"))
                .quantization(Quantization.FP16).imageParity(false)).dir();
    }

    /** Copies both conversions into the workspace's bundles folder, the fp16 one with a measured image check. */
    private Path bundles(Boolean fp16MeetsGoal) throws Exception {
        Path dir = workspace.resolve("bundles");
        copy(fp32, dir.resolve("b-fp32"));
        copy(fp16, dir.resolve("a-fp16"));
        if (fp16MeetsGoal != null) {
            Path f = dir.resolve("a-fp16").resolve(ConversionReport.FILE_NAME);
            ConversionReport r = ConversionReport.read(f);
            double psnr = fp16MeetsGoal ? 47.25 : 31.5;
            new ConversionReport(r.recipe(), r.components(), new ConversionReport.ImageCheck("fp32", psnr, false, 3, 40.0,
                    fp16MeetsGoal, "a red circle", 42L, 4, "ddim", 7.5, null), r.note()).write(f);
        }
        return dir;
    }

    @Test
    void list_twoBundlesAndACorruptManifest_listsAllByNameWithTheBrokenOneDescribed() throws Exception {
        Path dir = bundles(true);
        Files.createDirectories(dir.resolve("c-broken"));
        Files.writeString(dir.resolve("c-broken").resolve(BundleManifest.FILE_NAME), "{ \"format\": \"snapfusion-bundle\", ");

        List<BundleEntry> list = BundleCatalog.of(workspace).list();

        assertThat(list).extracting(BundleEntry::name).containsExactly("a-fp16", "b-fp32", "c-broken");
        BundleEntry fp16Entry = list.get(0);
        assertThat(fp16Entry.broken()).isFalse();
        assertThat(fp16Entry.manifest().quantization()).isEqualTo("fp16");
        assertThat(fp16Entry.manifest().source()).isEqualTo("demo:snapfusion");
        assertThat(fp16Entry.recipe()).startsWith("fp16");
        assertThat(fp16Entry.parity()).isEqualTo(new ParityVerdict(ParityVerdict.Kind.MET, "met: 47.25 dB (goal ≥ 40 dB)"));
        long listed = fp16Entry.manifest().files().stream().mapToLong(f -> f.size()).sum();
        assertThat(fp16Entry.bytesOnDisk()).isGreaterThan(listed).isEqualTo(walkedSize(dir.resolve("a-fp16")));
        assertThat(fp16Entry.params()).isEqualTo(fp16Entry.manifest().components().values().stream()
                .mapToLong(c -> c.params()).sum()).isPositive();
        assertThat(fp16Entry.flops()).isPositive();

        BundleEntry fp32Entry = list.get(1);
        assertThat(fp32Entry.parity()).isEqualTo(ParityVerdict.NOT_MEASURED);
        assertThat(fp32Entry.params()).isEqualTo(fp16Entry.params());

        BundleEntry broken = list.get(2);
        assertThat(broken.broken()).isTrue();
        assertThat(broken.problem()).contains("c-broken", "manifest.json");
        assertThat(broken.parity()).isEqualTo(ParityVerdict.NOT_MEASURED);
        assertThat(broken.recipe()).isEmpty();
    }

    @Test
    void list_stagingFoldersFilesAndFoldersWithoutManifest_areNotBundles() throws Exception {
        Path dir = bundles(null);
        Files.createDirectories(dir.resolve(".a-fp16.partial-123-456-789"));
        Files.copy(fp32.resolve(BundleManifest.FILE_NAME), dir.resolve(".a-fp16.partial-123-456-789").resolve("manifest.json"));
        Files.createDirectories(dir.resolve("notes"));
        Files.writeString(dir.resolve("readme.txt"), "not a bundle");

        assertThat(BundleCatalog.of(workspace).list()).extracting(BundleEntry::name).containsExactly("a-fp16", "b-fp32");
    }

    @Test
    void list_noBundlesFolder_isEmpty() throws Exception {
        assertThat(BundleCatalog.of(workspace).list()).isEmpty();
    }

    @Test
    void read_unreadableReport_bundleStaysUsableAndSaysWhy() throws Exception {
        Path dir = bundles(null);
        Files.writeString(dir.resolve("a-fp16").resolve(ConversionReport.FILE_NAME), "not json");

        BundleEntry e = BundleCatalog.read(dir.resolve("a-fp16"));

        assertThat(e.broken()).isFalse();
        assertThat(e.report()).isNull();
        assertThat(e.reportProblem()).contains(ConversionReport.FILE_NAME, "cannot read it");
        assertThat(e.recipe()).isEqualTo("fp16");
        assertThat(e.parity()).isEqualTo(ParityVerdict.NOT_MEASURED);
    }

    @Test
    void parity_goalMissed_saysNotMet() throws Exception {
        Path dir = bundles(false);
        ParityVerdict v = BundleCatalog.read(dir.resolve("a-fp16")).parity();
        assertThat(v.kind()).isEqualTo(ParityVerdict.Kind.MISSED);
        assertThat(v.text()).isEqualTo("NOT met: 31.50 dB (goal ≥ 40 dB)");
    }

    @Test
    void parity_checkNotRequested_saysSkippedAndWhy() throws Exception {
        Path dir = bundles(null);
        ParityVerdict v = BundleCatalog.read(dir.resolve("a-fp16")).parity();
        assertThat(v.kind()).isEqualTo(ParityVerdict.Kind.SKIPPED);
        assertThat(v.text()).startsWith("skipped: not requested");
    }

    @Test
    void delete_bundleInside_removesTheFolderAndReturnsItsSize() throws Exception {
        Path dir = bundles(null);
        long size = BundleCatalog.sizeOnDisk(dir.resolve("b-fp32"));

        long freed = BundleCatalog.of(workspace).delete(dir.resolve("b-fp32"));

        assertThat(freed).isEqualTo(size).isPositive();
        assertThat(dir.resolve("b-fp32")).doesNotExist();
        assertThat(dir.resolve("a-fp16")).isDirectory();
    }

    @Test
    void delete_anythingButAFolderDirectlyInsideBundles_isRefusedAndKept() throws Exception {
        Path dir = bundles(null);
        Path run = Files.createDirectories(workspace.resolve("runs").resolve("r1"));
        BundleCatalog catalog = BundleCatalog.of(workspace);

        for (Path p : List.of(run, dir, workspace, dir.resolve("a-fp16").resolve("unet_blocks"), dir.resolve("../runs/r1"))) {
            assertThatThrownBy(() -> catalog.delete(p)).isInstanceOf(StudioError.class)
                    .hasMessageContaining("Will not delete " + p).hasMessageContaining(dir.toString());
        }
        assertThat(run).isDirectory();
        assertThat(dir.resolve("a-fp16").resolve("unet_blocks")).isDirectory();
    }

    @Test
    void delete_linkToAFolderOutside_removesOnlyTheLink() throws Exception {
        Path dir = bundles(null);
        Path outside = Files.createDirectories(workspace.resolve("elsewhere"));
        Files.writeString(outside.resolve("keep.txt"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("linked"), outside);

        BundleCatalog.of(workspace).delete(link);

        assertThat(link).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("precious");
    }

    private static long walkedSize(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            long sum = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) sum += Files.size(f);
            return sum;
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }
}
