package dev.snapfusion.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.runner.bundle.OpFloorException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle the phone's TFLite 2.16.1 cannot load is refused on the desktop, before any device is called. */
class PushPhoneFloorTest {
    private static final int FULLY_CONNECTED = 9, CUSTOM = 32;

    @TempDir
    Path tmp;

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Test
    void push_modelWithFullyConnectedV12_refusedNamingFileAndOpBeforeAnyDeviceCall() throws Exception {
        Path bundle = bundle("v12", TestBundles.model(FULLY_CONNECTED, 12, null));
        assertThatThrownBy(() -> new BundlePusher().push(device("phone"), bundle, PushListener.NONE))
                .isInstanceOf(OpFloorException.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TFLite 2.16.1 on the phone cannot load")
                .hasMessageContaining("unet_blocks/001_mid.tflite: FULLY_CONNECTED version 12 (TFLite 2.16.1 registers versions 1–11)")
                .hasMessageNotContaining("text_encoder.tflite");
        assertThat(calls).isEmpty();
    }

    @Test
    void multiPush_modelWithCustomOp_refusedOnceBeforeAnyDeviceIsCalled() throws Exception {
        Path bundle = bundle("custom", TestBundles.model(CUSTOM, 1, "MyOp"));
        assertThatThrownBy(() -> new MultiPush(new BundlePusher()).push(List.of(device("a"), device("b")), bundle, (s, p) -> { }))
                .isInstanceOf(OpFloorException.class)
                .hasMessageContaining("unet_blocks/001_mid.tflite: custom op 'MyOp' version 1");
        assertThat(calls).isEmpty();
    }

    @Test
    void push_tfliteFileThatIsNoModel_refusedNamingFile() throws Exception {
        byte[] junk = new byte[64];
        java.util.Arrays.fill(junk, (byte) 0x7f);
        Path bundle = bundle("junk", junk);
        assertThatThrownBy(() -> new BundlePusher().push(device("phone"), bundle, PushListener.NONE))
                .isInstanceOf(OpFloorException.class)
                .hasMessageContaining("unet_blocks/001_mid.tflite").hasMessageContaining("not a TFLite model");
        assertThat(calls).isEmpty();
    }

    @Test
    void check_loadableBundle_returnsManifestWithoutDeviceCalls() throws Exception {
        Path bundle = bundle("fine", TestBundles.model(FULLY_CONNECTED, 11, null));
        assertThat(new BundlePusher().check(bundle).id()).isEqualTo("fine");
    }

    /** text_encoder.tflite is fine; unet_blocks/001_mid.tflite holds {@code mid}. */
    private Path bundle(String id, byte[] mid) throws Exception {
        Path dir = TestBundles.make(tmp.resolve(id), id, TestBundles.sizes("text_encoder.tflite", 4096));
        Files.createDirectories(dir.resolve("unet_blocks"));
        Files.write(dir.resolve("unet_blocks/001_mid.tflite"), mid);
        TestBundles.writeManifest(dir, id, List.of("text_encoder.tflite", "unet_blocks/001_mid.tflite"));
        return dir;
    }

    /** A device that records every call and does nothing. */
    private Device device(String serial) {
        return (Device) Proxy.newProxyInstance(Device.class.getClassLoader(), new Class<?>[] {Device.class}, (p, m, args) -> {
            if (m.getName().equals("serial")) return serial;
            calls.add(serial + " " + m.getName());
            throw new AssertionError("device called: " + m.getName());
        });
    }
}
