package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.text.ClipTokenizer;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.Studio;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code studio tokenize --bundle DIR "text"}: the token ids the runner would feed the text encoder, as JSON. */
@Command(name = "tokenize", description = "Print the CLIP token ids of a prompt with the bundle's tokenizer, as a JSON "
        + "array (start and end tokens, padded to the bundle's length).")
final class TokenizeCommand implements Callable<Integer> {
    @Option(names = "--bundle", required = true, description = "Bundle folder (its tokenizer/vocab.json and merges.txt).")
    Path bundle;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The prompt.")
    String text;

    @Override
    public Integer call() {
        BundleManifest m = Studio.readManifest(bundle);
        File vocab = bundle.resolve(m.vocabFile()).toFile();
        File merges = bundle.resolve(m.mergesFile()).toFile();
        ClipTokenizer tok;
        try {
            tok = ClipTokenizer.load(vocab, merges);
        } catch (IOException e) {
            throw new StudioError("cannot read the tokenizer of " + bundle + ": " + e.getMessage(), e);
        }
        try {
            System.out.println(new ObjectMapper().writeValueAsString(tok.encode(text, m.maxTokens())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }
}
