namespace SommeNumerique.Saas.Domain;

/// <summary>Small text rules shared by forms, documents and exports.</summary>
public static class TextValues
{
    /// <summary>The trimmed value, or null when it is empty or blank (optional form fields).</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>At most <paramref name="length"/> characters; a cut text ends with "…" so that the cut shows.</summary>
    public static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";

    /// <summary>
    /// Whether every character may appear in an XML 1.0 document (production <c>Char</c>: tab, line feed, carriage
    /// return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF as a well-formed surrogate pair). Free text typed by
    /// users ends up in the PES and UBL exports, so forms and the API refuse anything else.
    /// </summary>
    public static bool IsXmlSafe(string value) => IndexOfXmlUnsafe(value) < 0;

    /// <summary>
    /// The text with every character XML 1.0 does not allow replaced by a space (a lone surrogate too): for text
    /// stored before the forms refused them, so that an export always completes. Safe text is returned as is.
    /// </summary>
    public static string XmlSafe(string value)
    {
        var first = IndexOfXmlUnsafe(value);
        if (first < 0) return value;
        var chars = value.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (!IsXmlChar(chars[i])) chars[i] = ' ';
        }
        return new string(chars);
    }

    /// <summary>The position of the first character XML 1.0 does not allow, or -1.</summary>
    private static int IndexOfXmlUnsafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (!IsXmlChar(c)) return i;
        }
        return -1;
    }

    /// <summary>A character XML 1.0 allows on its own (surrogates only come in pairs, checked by the callers).</summary>
    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\u0020' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
}
