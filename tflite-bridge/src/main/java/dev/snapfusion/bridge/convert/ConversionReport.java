package dev.snapfusion.bridge.convert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.snapfusion.bridge.source.NonFiniteTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a conversion produced, per component: size, parameters, FLOPs per block, ops by type, how the
 * weights were stored, and agreement with fp32. Written as {@value #FILE_NAME} in the bundle. It holds
 * no timing and no source path: the same weights converted the same way give the same bytes, so the
 * bundle's content address (and a no-op re-push) survives re-conversion from another source format.
 *
 * @param nonfiniteTensors the checkpoint tensors holding NaN or ±Inf that {@code --allow-nonfinite} let through; null
 *                         (absent from the JSON) when there are none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversionReport(String recipe, List<Entry> components, @JsonProperty("image_parity") ImageCheck imageParity,
                               String note, @JsonProperty("nonfinite_tensors") List<NonFiniteTensor> nonfiniteTensors) {
    public static final String FILE_NAME = "conversion-report.json";

    public ConversionReport(String recipe, List<Entry> components, ImageCheck imageParity, String note) {
        this(recipe, components, imageParity, note, null);
    }

    /** One .tflite file (a component, or the UNet's blocks summed as {@code unet_blocks}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String file, long bytes, long params, long flops,
                        @JsonProperty("params_by_storage") Map<String, Long> paramsByStorage,
                        @JsonProperty("ops_by_type") Map<String, Integer> opsByType,
                        @JsonProperty("flops_by_block") Map<String, Long> flopsByBlock, Parity parity) {
    }

    /** The component run in TFLite 2.6.2 against its fp32 build on the same random inputs. */
    public record Parity(String reference, double cosine, @JsonProperty("max_abs_error") double maxAbsError, long seed) {
    }

    /**
     * The final image of this bundle against its fp32 twin's ({@link ImageParity}, settings {@link ImageParity.Settings#REPORT}).
     * Either the figures, or only {@code skipped} with the reason (model too large for a conversion-time run, no TFLite).
     *
     * @param psnrDb null when the images are identical ({@code identical} true): JSON has no infinity
     * @param goalDb 40 for fp16, 28 when any weight is int8 (the budgets)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageCheck(String reference, Double psnrDb, Boolean identical, Integer maxPixelDiff, Double goalDb,
                             Boolean meetsGoal, String prompt, Long seed, Integer steps, String scheduler, Double cfg,
                             String skipped) {
        static ImageCheck measured(ImageParity.Result r, double goalDb, ImageParity.Settings s) {
            return new ImageCheck("fp32", r.identical() ? null : r.psnrDb(), r.identical(), r.maxPixelDiff(), goalDb,
                    r.psnrDb() >= goalDb, s.prompt(), s.seed(), s.steps(), s.scheduler(), s.cfg(), null);
        }

        static ImageCheck skipped(String why) {
            return new ImageCheck(null, null, null, null, null, null, null, null, null, null, null, why);
        }

        /** "PSNR 58.61 dB vs fp32 (goal ≥ 40 dB: met)" or "skipped: …", for consoles and the workbench. */
        public String summary() {
            if (skipped != null) return "image vs fp32: skipped (" + skipped + ")";
            String psnr = Boolean.TRUE.equals(identical) ? "identical" : String.format(java.util.Locale.ROOT, "PSNR %.2f dB", psnrDb);
            return String.format(java.util.Locale.ROOT, "image vs fp32: %s (goal ≥ %.0f dB: %s; %d %s steps, seed %d, CFG %.1f)",
                    psnr, goalDb, meetsGoal ? "met" : "NOT met", steps, scheduler, seed, cfg);
        }
    }

    /**
     * The final-image budget of the lowest precision any weight is stored at: 28 dB when any is int8, 40 dB when any is
     * fp16, null when all are fp32 (the bundle is its own reference).
     */
    public Double imageGoalDb() {
        boolean anyInt8 = false, anyQuantized = false;
        for (Entry e : components) {
            if (e.paramsByStorage() == null) continue;
            for (String k : e.paramsByStorage().keySet()) {
                anyQuantized |= !k.equals("fp32");
                anyInt8 |= k.startsWith("int8");
            }
        }
        return anyInt8 ? Double.valueOf(ImageParity.INT8_GOAL_DB) : anyQuantized ? Double.valueOf(ImageParity.FP16_GOAL_DB) : null;
    }

    ConversionReport withImageParity(ImageCheck image) {
        return new ConversionReport(recipe, components, image, note, nonfiniteTensors);
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static ConversionReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ConversionReport.class);
    }
}
