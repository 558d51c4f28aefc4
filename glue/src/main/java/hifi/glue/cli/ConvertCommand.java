package hifi.glue.cli;

import hifi.convert.Conversion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code convert}: a BERT checkpoint into a model directory, through the weights-converter's {@link Conversion}. */
@Command(name = "convert", description = "Convert a BERT checkpoint (HF safetensors/.bin, ONNX, TF, or a Maven jar) into a model directory.")
public final class ConvertCommand extends AppCommand {
    @Option(names = "--from", paramLabel = "SOURCE", required = true, description = {
            "a BERT checkpoint: HF directory or file (model.safetensors, model.safetensors.index.json, pytorch_model.bin),",
            "an ONNX export, a TF checkpoint/SavedModel (variables.index), or a jar/zip holding any of these (e.g. a Maven",
            "artifact; nested zips are read in place), or group:artifact:version of such a jar in the local Maven repository"})
    String from;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = {
            "the model directory to create (config.json, model.safetensors, vocab.txt, tokenizer_config.json);",
            "written to a temporary directory and renamed when complete"})
    Path out;

    @Option(names = "--force", description = "replace --out if it exists")
    boolean force;

    @Option(names = "--verbose", description = "print the time of each phase (stage, read, check, write) to stderr")
    boolean verbose;

    @Override
    protected boolean computes() {
        return false;
    }

    @Override
    protected int execute(Invocation run) {
        return new Conversion(run.out(), run.err()).run(from, out, force, verbose);
    }
}
