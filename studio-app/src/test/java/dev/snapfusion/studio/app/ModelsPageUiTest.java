package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.quant.QuantRecipe;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.bundles.BundleEntry;
import dev.snapfusion.studio.job.ConvertSpec;
import dev.snapfusion.studio.services.DeviceList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Models page on a workspace with two real demo bundles (fp32, and fp16 whose report has a met image check) and a
 * broken one: the list, the override sheet reaching the convert call, Delete and Push to….
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ModelsPageUiTest {
    private static final String FP32 = "demo-snapfusion-fp32";
    private static final String FP16 = "demo-snapfusion-fp16";
    private static final String BROKEN = "zz-broken";
    private static Path templates;

    private FakeStudioServices services;
    private Path bundles;

    @BeforeAll
    static void convertOnce() throws Exception {
        templates = Files.createTempDirectory("models-templates");
        BundleConverter.convert("synthetic:demo:snapfusion", Quantization.FP32, templates.resolve(FP32), ConvertListener.NONE);
        BundleConverter.convert(ConvertRequest.of("synthetic:demo:snapfusion", templates.resolve(FP16))
                .quantization(Quantization.FP16).imageParity(false));
        Path report = templates.resolve(FP16).resolve(ConversionReport.FILE_NAME);
        ConversionReport r = ConversionReport.read(report);
        new ConversionReport(r.recipe(), r.components(), new ConversionReport.ImageCheck("fp32", 47.25, false, 3, 40.0, true,
                "a red circle", 42L, 4, "ddim", 7.5, null), r.note()).write(report);
    }

    @Start
    void start(Stage stage) throws Exception {
        Path workspace = Files.createTempDirectory("studio-models");
        bundles = workspace.resolve("bundles");
        copy(templates.resolve(FP32), bundles.resolve(FP32));
        copy(templates.resolve(FP16), bundles.resolve(FP16));
        Files.createDirectories(bundles.resolve(BROKEN));
        Files.writeString(bundles.resolve(BROKEN).resolve(BundleManifest.FILE_NAME), "{\"format\": \"snapfusion-bundle\"");
        // As a previous session leaves it: the fp16 bundle was selected last.
        Files.createDirectories(workspace.resolve("settings"));
        Files.writeString(workspace.resolve("settings/models.properties"), "selected=" + FP16 + "\n");
        services = new FakeStudioServices(workspace, 200);
        stage.setScene(StudioApp.createScene(services));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private TableView<BundleEntry> openModels(FxRobot robot) throws Exception {
        robot.clickOn("#nav-models");
        TableView<BundleEntry> table = robot.lookup("#models-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 3
                && table.getSelectionModel().getSelectedItem() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return table;
    }

    private static void select(FxRobot robot, TableView<BundleEntry> table, String bundle) {
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().select(table.getItems().stream().filter(r -> r.name().equals(bundle)).findFirst().orElseThrow());
        });
    }

    @Test
    void list_threeFolders_showsEachWithItsVerdictAndTheRememberedSelectionsDetails(FxRobot robot) throws Exception {
        TableView<BundleEntry> table = openModels(robot);

        assertThat(table.getItems()).extracting(BundleEntry::name).containsExactly(FP16, FP32, BROKEN);
        assertThat(table.getItems().get(2).broken()).isTrue();
        assertThat(table.getSelectionModel().getSelectedItem().name()).isEqualTo(FP16);
        assertThat(cell(table, 0, "Image vs fp32")).isEqualTo("met: 47.25 dB (goal ≥ 40 dB)");
        assertThat(cell(table, 1, "Image vs fp32")).isEqualTo("not measured");
        assertThat(cell(table, 2, "Recipe")).startsWith("broken: ").contains("manifest.json");
        assertThat(cell(table, 0, "Recipe")).startsWith("fp16");
        assertThat(cell(table, 0, "Source")).isEqualTo("demo:snapfusion");
        assertThat(robot.lookup("#models-count").queryAs(Label.class).getText()).isEqualTo("3 bundles");

        Label parity = robot.lookup("#models-detail-parity").queryAs(Label.class);
        assertThat(parity.getText()).isEqualTo("Image vs fp32: met: 47.25 dB (goal ≥ 40 dB)");
        assertThat(parity.getStyleClass()).contains("parity-met");
        String components = robot.lookup("#models-components").queryAs(TableView.class).getItems().toString();
        assertThat(components).contains("name=text_encoder", "name=unet", "name=vae_decoder");
        BundleManifest m = dev.snapfusion.runner.bundle.ManifestCodec.read(bundles.resolve(FP16).resolve("manifest.json"));
        assertThat(robot.lookup("#models-blocks").queryAs(TableView.class).getItems()).hasSize(m.blocks().size());
        assertThat(robot.lookup("#models-block-summary").queryAs(Label.class).getText()).matches("\\d+ UNet blocks: .*");
        // The form takes the selected bundle's source and recipe, and never suggests converting over a bundle.
        assertThat(robot.lookup("#models-prop-source").queryAs(TextField.class).getText()).isEqualTo("demo:snapfusion");
        assertThat(robot.lookup("#models-prop-output-folder").queryAs(TextField.class).getText())
                .isEqualTo(bundles.resolve(FP16 + "-2").toString());

        select(robot, table, BROKEN);
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#models-detail-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains(BROKEN, "manifest.json");
        assertThat(robot.lookup("#models-components").queryAs(Node.class).isVisible()).isFalse();
        assertThat(robot.lookup("#models-push").queryAs(Button.class).isDisabled()).isTrue();
        // The selection is remembered for the next session.
        Path prefs = services.workspace().resolve("settings/models.properties");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.readString(prefs).contains("selected=" + BROKEN));
    }

    @Test
    void convert_componentBlockAndTypedOverrides_reachTheConvertCallInOrder(FxRobot robot) throws Exception {
        services.convertGate = new CountDownLatch(1);
        TableView<BundleEntry> table = openModels(robot);
        select(robot, table, FP32);
        PropertySheet sheet = robot.lookup("#models-overrides").queryAs(PropertySheet.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> sheet.getItems().stream().anyMatch(i -> i.getName().equals("down.1.resnet.0")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sheet.getItems()).filteredOn(i -> i.getName().equals("Quantization")).singleElement()
                .extracting(PropertySheet.Item::getValue).hasToString("fp32");

        choose(robot, "#models-prop-vae_decoder", "fp16");
        choose(robot, "#models-prop-down-1-resnet-0", "int8-weight");
        robot.interact(() -> robot.lookup("#models-prop-overrides").queryAs(TextField.class).setText("*.attn1=fp32"));
        Path out = bundles.resolve("demo-snapfusion-fp32-custom");
        assertThat(robot.lookup("#models-prop-output-folder").queryAs(TextField.class).getText()).isEqualTo(out.toString());

        robot.interact(table::requestFocus);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        ProgressBar bar = robot.lookup("#models-progress").queryAs(ProgressBar.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> services.lastConvertSpec != null && bar.getProgress() == 0.5);
        WaitForAsyncUtils.waitForFxEvents();

        ConvertSpec spec = services.lastConvertSpec;
        assertThat(spec.source()).isEqualTo("demo:snapfusion");
        assertThat(spec.quant()).isEqualTo(Quantization.FP32);
        assertThat(spec.outDir()).isEqualTo(out);
        assertThat(spec.overrides().rules()).containsExactly(new QuantRecipe.Rule("vae_decoder", Scheme.FP16),
                new QuantRecipe.Rule("down.1.resnet.0", Scheme.INT8_WEIGHT), new QuantRecipe.Rule("*.attn1", Scheme.FP32));
        assertThat(robot.lookup("#models-status").queryAs(Label.class).getText()).isEqualTo("Converting: unet.tflite");
        assertThat(robot.lookup("#models-convert").queryAs(Button.class).isDisabled()).isTrue();

        services.convertGate.countDown();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> table.getItems().size() == 4
                && table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().name().equals(out.getFileName().toString()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#models-status").queryAs(Label.class).getText()).startsWith("Bundle written in ").endsWith(out.toString());
        assertThat(table.getItems()).extracting(BundleEntry::name).containsExactly(FP16, FP32, out.getFileName().toString(), BROKEN);
        assertThat(cell(table, 2, "Recipe")).startsWith("fp32 (").contains("vae_decoder=fp16", "down.1.resnet.0=int8-weight",
                "*.attn1=fp32");
        assertThat(robot.lookup("#models-error").queryAs(Node.class).isVisible()).isFalse();
    }

    @Test
    void convert_unknownBlockOrBadPrecision_saysWhichTextAndConvertsNothing(FxRobot robot) throws Exception {
        openModels(robot);
        TextField typed = robot.lookup("#models-prop-overrides").queryAs(TextField.class);
        Label error = robot.lookup("#models-error").queryAs(Label.class);

        robot.interact(() -> typed.setText("vae_decoder=fp17"));
        clickConvert(robot);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.getText()).isEqualTo("Override “vae_decoder=fp17”: unknown precision 'fp17' "
                + "(use fp32, fp16, int8-dynamic or int8-weight)");

        robot.interact(() -> typed.setText("down.9=fp16"));
        clickConvert(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> error.getText().contains("down.9"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.getText()).startsWith("Conversion of demo:snapfusion failed: Override “down.9=fp16”: "
                + "demo:snapfusion has no UNet block or stage “down.9”");
        assertThat(services.lastConvertSpec).isNull();
        assertThat(robot.lookup("#models-convert").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void delete_deleteKeyAsksNamingFolderAndSize_cancelKeepsOkRemoves(FxRobot robot) throws Exception {
        TableView<BundleEntry> table = openModels(robot);
        select(robot, table, FP32);

        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        String question = robot.lookup("#models-delete-dialog").queryAs(javafx.scene.control.DialogPane.class).getContentText();
        assertThat(question).contains(bundles.resolve(FP32).toString()).containsPattern("\\(\\d+\\.\\d MB\\)");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bundles.resolve(FP32)).isDirectory();

        robot.clickOn("#models-delete");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bundles.resolve(FP32)).doesNotExist();
        assertThat(bundles.resolve(FP16)).isDirectory();
        assertThat(table.getItems()).extracting(BundleEntry::name).containsExactly(FP16, BROKEN);
        assertThat(robot.lookup("#models-status").queryAs(Label.class).getText()).startsWith("Deleted " + bundles.resolve(FP32));
    }

    @Test
    void push_twoOnlineDevicesTicked_pushesToBothAndShowsEachOutcome(FxRobot robot) throws Exception {
        DeviceInfo pixel = new DeviceInfo("127.0.0.1:5037", "R58M41ABCD", "device", "Pixel_8_Pro", "husky", false);
        DeviceInfo galaxy = new DeviceInfo("farm:5037", "RZ8N70XYZ", "device", "Galaxy_S23", "dm1q", false);
        DeviceInfo offline = new DeviceInfo("127.0.0.1:5037", "OFF1", "offline", "", "", false);
        services.emit(new DeviceList(List.of(pixel, galaxy, offline, FakeStudioServices.VIRTUAL), List.of()));
        openModels(robot);

        robot.clickOn("#models-push");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#models-push-start").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#models-push-check-OFF1").tryQuery()).isEmpty();
        CheckBox virtual = robot.lookup("#models-push-check-virtual").queryAs(CheckBox.class);
        assertThat(virtual.isSelected()).isTrue();
        robot.interact(() -> virtual.setSelected(false));
        assertThat(robot.lookup("#models-push-check-R58M41ABCD").queryAs(CheckBox.class).getText())
                .isEqualTo("Pixel 8 Pro · R58M41ABCD · 127.0.0.1:5037");

        robot.clickOn("#models-push-start");
        Label summary = robot.lookup("#models-push-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().equals("Pushed to every ticked device."));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(services.pushed).containsExactlyInAnyOrder("R58M41ABCD", "RZ8N70XYZ");
        for (String serial : List.of("R58M41ABCD", "RZ8N70XYZ")) {
            assertThat(robot.lookup("#models-push-status-" + serial).queryAs(Label.class).getText())
                    .isEqualTo("Pushed 2 files (40.0 MB), skipped 1 already there, in 0.5 s");
            assertThat(robot.lookup("#models-push-progress-" + serial).queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        }
        assertThat(robot.lookup("#models-push-start").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void push_oneDeviceFails_theOtherStillGetsTheBundle(FxRobot robot) throws Exception {
        DeviceInfo pixel = new DeviceInfo("127.0.0.1:5037", "R58M41ABCD", "device", "Pixel_8_Pro", "husky", false);
        DeviceInfo galaxy = new DeviceInfo("farm:5037", "RZ8N70XYZ", "device", "Galaxy_S23", "dm1q", false);
        services.emit(new DeviceList(List.of(pixel, galaxy), List.of()));
        services.failingPushes.add("RZ8N70XYZ");
        openModels(robot);

        robot.clickOn("#models-push");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#models-push-start").tryQuery().isPresent());
        robot.clickOn("#models-push-start");
        Label summary = robot.lookup("#models-push-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().startsWith("1 of 2 pushes failed"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(services.pushed).containsExactly("R58M41ABCD");
        Label failed = robot.lookup("#models-push-status-RZ8N70XYZ").queryAs(Label.class);
        assertThat(failed.getText()).isEqualTo("Failed: RZ8N70XYZ went away mid-push");
        assertThat(failed.getStyleClass()).contains("push-failed");
    }

    @Test
    void push_closingTheDialogMidPush_cancelsIt(FxRobot robot) throws Exception {
        DeviceInfo pixel = new DeviceInfo("127.0.0.1:5037", "R58M41ABCD", "device", "Pixel_8_Pro", "husky", false);
        services.emit(new DeviceList(List.of(pixel), List.of()));
        services.pushGates.put("R58M41ABCD", new java.util.concurrent.CountDownLatch(1));   // never opened
        openModels(robot);

        robot.clickOn("#models-push");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#models-push-start").tryQuery().isPresent());
        robot.clickOn("#models-push-start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> services.waitingAtGate.contains("R58M41ABCD"));
        javafx.scene.control.DialogPane pane = robot.lookup("#models-push-dialog").queryAs(javafx.scene.control.DialogPane.class);
        robot.interact(() -> ((Button) pane.lookupButton(javafx.scene.control.ButtonType.CLOSE)).fire());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !services.waitingAtGate.contains("R58M41ABCD"));
        Thread.sleep(200);   // a push that was not cancelled would finish now that the gate wait is over
        assertThat(services.pushed).as("the push stopped at the gate instead of finishing").isEmpty();
    }

    /** The button sits below the fold of the page's scroll pane, where the robot cannot click. */
    private static void clickConvert(FxRobot robot) {
        robot.interact(() -> robot.lookup("#models-convert").queryButton().fire());
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String editorId, String label) {
        ComboBox<Object> box = robot.lookup(editorId).queryAs(ComboBox.class);
        Object value = box.getItems().stream().filter(v -> v.toString().equals(label)).findFirst().orElseThrow();
        robot.interact(() -> box.setValue(value));
    }

    private static String cell(TableView<BundleEntry> table, int row, String column) {
        var col = table.getColumns().stream().filter(c -> c.getText().equals(column)).findFirst().orElseThrow();
        Object v = col.getCellData(row);
        return v == null ? null : v.toString();
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
