package hifi.glue.cli;

import java.util.List;

/**
 * One declared flag.
 *
 * @param name         the flag without its leading dashes
 * @param type         how its value is parsed
 * @param valueName    the placeholder shown in help ({@code DIR}, {@code N}, …); empty for booleans
 * @param defaultValue the default as it would be typed, or null
 * @param required     whether the flag must be given
 * @param choices      the allowed values of a {@link FlagType#CHOICE} flag, otherwise empty
 * @param description  one line for {@code --help}
 */
public record FlagSpec(String name, FlagType type, String valueName, String defaultValue, boolean required,
                       List<String> choices, String description) {

    /** How a flag's value is parsed. */
    public enum FlagType { STRING, PATH, INT, LONG, DOUBLE, BOOLEAN, CHOICE }

    /** The left column of the help line: {@code --name VALUE}. */
    String usage() {
        return type == FlagType.BOOLEAN ? "--" + name : "--" + name + " " + valueName;
    }
}
