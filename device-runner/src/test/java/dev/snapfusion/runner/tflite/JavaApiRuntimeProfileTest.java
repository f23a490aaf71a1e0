package dev.snapfusion.runner.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import org.junit.jupiter.api.Test;

/** The phone's runtime has no op profiler, and says what to do instead. */
class JavaApiRuntimeProfileTest {
    @Test
    void loadProfiled_javaApi_refusedNamingDesktopRuntimeAndOpsImport() {
        assertThat(JavaApiRuntime.INSTANCE.profilesOps()).isFalse();
        assertThatThrownBy(() -> JavaApiRuntime.INSTANCE.loadProfiled(new File("unet.tflite"), 1, Backend.XNNPACK))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage(OpProfiling.UNSUPPORTED)
                .hasMessageContaining("desktop runtime").hasMessageContaining("studio ops run").hasMessageContaining("studio ops import");
    }
}
