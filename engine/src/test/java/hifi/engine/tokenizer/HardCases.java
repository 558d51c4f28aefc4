package hifi.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Hand-picked texts that exercise every rule of the pipeline; expected results always come from the HF oracle. */
final class HardCases {
    private HardCases() {}

    static List<String> texts() {
        List<String> t = new ArrayList<>(List.of(
                // empty and whitespace only
                "", " ", "   ", "\t\n\r ", "\u00A0\u2003\u3000", "\u2028\u2029", "\u0085",
                // accents, casing, combining marks
                "Café déjà vu — naïve façade, señor Ångström", "ÀÉÎÕÜ ÅÇ Ñ Ø Æ Œ ß", "Straße STRASSE",
                "İstanbul ıi İI", "ΣΊΣΥΦΟΣ ΟΔΥΣΣΕΥΣ σίσυφος", "e\u0301 a\u0308 n\u0303 o\u0302\u0323",
                "\u0301leading mark", "mark at end\u0301", "x\u20DD enclosing mark", "ǅungla ǆ Ǆ",
                "ﬁnance ﬀ ﬃ ligatures", "Ⅻ ① ² x² H₂O", "１２３ ＡＢＣ fullwidth", "ǰ ẞ ŉ",
                // CJK and other scripts
                "中文分词测试", "日本語のテキストです。カタカナとひらがな", "한국어 텍스트입니다", "中文English混合テキスト한국어mix",
                "\uD840\uDC00 U+20000, \uD86E\uDC20 U+2B820, \uD86E\uDD20 U+2B920, \uD87E\uDC00 U+2F800",
                "\u3400 \u4DBF \uF900 \uFAFF \u9FFF", "、。「」『』【】〜・ CJK punctuation",
                "مرحبا بالعالم", "שָׁלוֹם עולם", "नमस्ते दुनिया", "ภาษาไทย", "Ελληνικά", "Русский текст ЁЖИК",
                "٣٤٥ Arabic-Indic digits", "ᠮᠣᠩᠭᠣᠯ Mongolian",
                // emoji of several Unicode versions, ZWJ sequences, flags, skin tones
                "emoji 😀 👍🏽 ❤️ 🇫🇷", "family 👨‍👩‍👧 and 🏳️‍🌈", "newer emoji 🥲 🫠 🪿 🫎", "☺ ☃ ★ ♥",
                // control, format and other invisible characters
                "control\u0000chars\u0001\u0007\u001Fhere", "bell\u0007 escape\u001B[0m", "del\u007Fchar",
                "zero\u200Bwidth\u200Cnon\u200Djoiner\uFEFFbom", "soft\u00ADhyphen", "replacement \uFFFD char",
                "vertical\u000Btab\u000Cform\u0085nel", "line\u2028sep\u2029para", "rtl\u200Fmark\u202Eoverride",
                "private use \uE000\uF8FF", "unassigned \u0378 \u0380", "tab\there\nnewline\r\ncrlf",
                "info sep\u001C\u001D\u001E\u001F", "private x\uE001y \uDB80\uDC01 \uDBC0\uDC05",
                "noncharacters x\uFDD0y x\uFFFEy",
                // characters newer than Unicode 8.0 (HF's category tables): no category, so kept as letters
                "a\u1DFAb x\u2E4Fy x\u2E52y x\uD807\uDF43y x\u0890y x\u08E2y e\u1AC0f e\u0897f e\u0C3Cf",
                "old enough: e\u1AB0f x\u061Cy x\u2E3Cy x\u2E42y x\uA8FCy",
                "\u180E mongolian vowel sep", "word\u2060joiner",
                // punctuation
                "!!!???...,,,;;;", "(hello)[world]{foo}<bar>", "«quotes» „German“ ‘single’ “double”",
                "$100.00 & 50% off #hashtag @user ^caret ~tilde `tick` |pipe| \\backslash",
                "don't won't y'all", "U.S.A. e.g. i.e.", "e-mail — en–dash ‒ figure ― bar",
                "http://example.com/p?q=1&r=2",
                "¿Qué? ¡Hola! ‰ ‱ § ¶ † ‡ • ‣ ․ … ‼ ⁇", "_underscore_ snake_case", "a+b=c*d/e", "○●◎ ← → ⇒ ∀ ∃",
                // special tokens, also glued to words and in other spellings
                "Hello [MASK] world", "Paris[SEP]London", "[CLS][SEP][PAD][UNK][MASK]", "[mask] [Mask] isn't special",
                "[MASK", "[SEP ]", "x[MASK]y[UNK]z", " [CLS] ",
                // numbers and mixed
                "3.14159 1,000,000 2024-01-01 12:30pm", "covid19 mp3 h2o 4x4",
                "unaffable unbelievably antidisestablishment"));
        // very long words: the 100 code point limit
        t.add("a".repeat(100));
        t.add("a".repeat(101));
        t.add("word " + "ab".repeat(60) + " word");
        t.add("é".repeat(100) + " " + "é".repeat(101));
        t.add("\uD835\uDC9C".repeat(60));
        t.add("supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis");
        t.add("x".repeat(99) + "\u0301\u0301");
        return t;
    }
}
