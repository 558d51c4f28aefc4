package hifi.glue.cli;

import hifi.convert.ConvertCommand;

import java.io.PrintStream;
import java.util.List;

/** {@code convert}: the weights-converter's command ({@link ConvertCommand}), with its own flags and exit codes. */
final class ConvertSubcommand implements Subcommand {

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String description() {
        return "Convert a BERT checkpoint (HF safetensors/.bin, ONNX, TF, or a Maven jar) into a model directory.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return new ConvertCommand(out, err).run(args.toArray(String[]::new));
    }
}
