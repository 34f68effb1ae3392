using System.Globalization;

namespace SommeNumerique.Saas.Domain;

/// <summary>
/// How the product writes dates, amounts and counts in French, everywhere text is produced (rule messages,
/// invoice lines, PDFs). Group separators are plain spaces, not the narrow no-break space of the fr-FR culture,
/// so that the same amount reads the same in a message, a PDF and an export.
/// </summary>
public static class FrenchText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"07/10/2024".</summary>
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 234,56 €" (never "-0,00 €").</summary>
    public static string Euros(decimal amount) => Plain((amount == 0m ? 0m : amount).ToString("#,##0.00", French)) + " €";

    /// <summary>A per-inhabitant rate: "0,65 €" (up to 4 decimals).</summary>
    public static string Rate(decimal rate) => Plain(rate.ToString("#,##0.00##", French)) + " €";

    /// <summary>"136 449".</summary>
    public static string Count(int value) => Plain(value.ToString("#,##0", French));

    /// <summary>A quantity with up to 3 decimals: "8", "1 234,5".</summary>
    public static string Quantity(decimal value) => Plain(value.ToString("#,##0.###", French));

    private static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ').Replace('\u2212', '-');
}
