package dev.snapfusion.bridge.convert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a conversion produced, per component: size, parameters, FLOPs per block, ops by type, how the
 * weights were stored, and agreement with fp32. Written as {@value #FILE_NAME} in the bundle. It holds
 * no timing and no source path: the same weights converted the same way give the same bytes, so the
 * bundle's content address (and a no-op re-push) survives re-conversion from another source format.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversionReport(String recipe, List<Entry> components, String note) {
    public static final String FILE_NAME = "conversion-report.json";

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
