package dev.snapfusion.studio.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.toy.RgbImage;
import dev.snapfusion.bridge.toy.ToyCaption;
import dev.snapfusion.bridge.toy.ToyDetection;
import dev.snapfusion.bridge.toy.ToyJudge;
import dev.snapfusion.bridge.toy.ToyVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The judge's verdicts on a set of images and each variant's adherence (docs/judge.md). Immutable.
 * <pre>{@code
 * JudgeReport r = JudgeReport.judge(JudgeInputs.collect(List.of(runsDir)));
 * r.variants().forEach(v -> System.out.println(v.variant() + " " + v.colorAdherencePct()));
 * }</pre>
 */
public record JudgeReport(List<JudgedImage> images, List<VariantScore> variants) {
    public static final String NOT_JUDGED = "the prompt is outside the toy grammar \"" + ToyCaption.GRAMMAR + "\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    public JudgeReport {
        images = List.copyOf(images);
        variants = List.copyOf(variants);
    }

    /** Reads every image (so a bad file fails whatever its prompt) and judges those whose prompt is in the grammar. */
    public static JudgeReport judge(List<JudgeItem> items) {
        List<JudgedImage> images = new ArrayList<>();
        Map<String, VariantScore> scores = new LinkedHashMap<>();
        for (JudgeItem item : items) {
            RgbImage pixels = PngImages.read(item.image());
            Optional<ToyCaption> caption = ToyCaption.parse(item.prompt());
            JudgedImage judged = new JudgedImage(item, caption.map(c -> ToyJudge.judge(pixels, c)).orElse(null));
            images.add(judged);
            VariantScore before = scores.getOrDefault(item.variant(), new VariantScore(item.variant(), 0, 0, 0, 0, 0, 0));
            scores.put(item.variant(), before.add(judged));
        }
        return new JudgeReport(images, new ArrayList<>(scores.values()));
    }

    /** {@code {"images": [...], "variants": {"sd15": {...}}}} as docs/judge.md lays it out. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("images");
        for (JudgedImage img : images) list.add(imageJson(img));
        ObjectNode vs = root.putObject("variants");
        for (VariantScore v : variants) {
            ObjectNode n = vs.putObject(v.variant());
            n.put("images", v.images());
            n.put("judged", v.judged());
            n.put("not_judged", v.notJudged());
            n.put("color_adherence_pct", v.colorAdherencePct());
            n.put("shape_adherence_pct", v.shapeAdherencePct());
            n.put("background_pct", v.backgroundPct());
            n.put("shape_color_pct", v.shapeColorPct());
        }
        return root;
    }

    private static ObjectNode imageJson(JudgedImage img) {
        ObjectNode n = JSON.createObjectNode();
        n.put("image", img.item().image().toString());
        n.put("variant", img.item().variant());
        n.put("prompt", img.item().prompt());
        n.put("judged", img.judged());
        if (!img.judged()) {
            n.put("reason", NOT_JUDGED);
            return n;
        }
        ToyVerdict v = img.verdict();
        n.put("background_ok", v.backgroundOk());
        n.put("color_ok", v.colorOk());
        n.put("shape_ok", v.shapeOk());
        ToyDetection d = v.detected();
        ObjectNode det = n.putObject("detected");
        det.put("background", d.background().word());
        det.put("color", d.color() == null ? null : d.color().word());
        det.put("shape", d.shape() == null ? null : d.shape().word());
        det.put("area", d.area());
        det.put("fill", round(d.fill()));
        det.put("aspect", round(d.aspect()));
        det.put("centroid_y", round(d.centroidY()));
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
