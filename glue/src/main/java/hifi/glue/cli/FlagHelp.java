package hifi.glue.cli;

import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

/**
 * Usage help that shows options as they are usually typed, {@code --model DIR} rather than picocli's
 * {@code --model=DIR} (both are accepted).
 */
final class FlagHelp extends Help {
    FlagHelp(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    @Override
    public IParamLabelRenderer parameterLabelRenderer() {
        IParamLabelRenderer picocli = super.parameterLabelRenderer();
        return new IParamLabelRenderer() {
            @Override
            public Text renderParameterLabel(ArgSpec arg, Help.Ansi ansi, List<IStyle> styles) {
                Text label = picocli.renderParameterLabel(arg, ansi, styles);
                String plain = label.plainString();
                if (plain.startsWith("=")) return ansi.new Text(" " + plain.substring(1), colorScheme());
                if (plain.startsWith("[=")) return ansi.new Text(" [" + plain.substring(2), colorScheme());
                return label;
            }

            @Override
            public String separator() {
                return " ";
            }
        };
    }
}
