namespace SommeNumerique.Saas.Domain;

/// <summary>Small text rules shared by forms, documents and exports.</summary>
public static class TextValues
{
    /// <summary>The trimmed value, or null when it is empty or blank (optional form fields).</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>At most <paramref name="length"/> characters; a cut text ends with "…" so that the cut shows.</summary>
    public static string Truncate(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
