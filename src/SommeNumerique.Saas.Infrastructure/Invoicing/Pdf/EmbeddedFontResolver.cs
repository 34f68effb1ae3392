using PdfSharp.Fonts;

namespace SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;

/// <summary>
/// PDFsharp font resolver serving DejaVu Sans (regular and bold), shipped as embedded resources so that PDFs
/// render the same on every machine, without any system font. Every family name requested maps to DejaVu Sans;
/// bold uses the bold file, italic is simulated on the matching upright file.
/// </summary>
/// <remarks>
/// PDFsharp keeps one font resolver per process and refuses to change it once a font was used: call
/// <see cref="EnsureRegistered"/> (idempotent, thread-safe) rather than setting
/// <see cref="GlobalFontSettings.FontResolver"/> directly.
/// </remarks>
public sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name the invoice renderer asks for.</summary>
    public const string FamilyName = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lazy<byte[]> RegularBytes = new(() => Load("Invoicing.Fonts.DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Load("Invoicing.Fonts.DejaVuSans-Bold.ttf"));
    private static readonly Lock Gate = new();
    private static volatile bool _registered;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => RegularBytes.Value,
        BoldFace => BoldBytes.Value,
        _ => null,
    };

    /// <summary>
    /// Installs this resolver as PDFsharp's font resolver, once per process. Accepts that an instance of this
    /// class is already installed; if another application resolver owns the slot, installs this one as the
    /// fallback resolver instead, and fails only if both slots are taken by other resolvers.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (_registered)
            return;
        lock (Gate)
        {
            if (_registered)
                return;
            switch (GlobalFontSettings.FontResolver)
            {
                case null:
                    GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
                    break;
                case EmbeddedFontResolver:
                    break;
                default:
                    RegisterAsFallback();
                    break;
            }
            _registered = true;
        }
    }

    private static void RegisterAsFallback()
    {
        switch (GlobalFontSettings.FallbackFontResolver)
        {
            case null:
                GlobalFontSettings.FallbackFontResolver = new EmbeddedFontResolver();
                break;
            case EmbeddedFontResolver:
                break;
            default:
                throw new InvalidOperationException(
                    "PDFsharp already has a font resolver and a fallback font resolver of other types: " +
                    $"{nameof(EmbeddedFontResolver)} cannot serve the invoice fonts.");
        }
    }

    private static byte[] Load(string resourceName)
    {
        var assembly = typeof(EmbeddedFontResolver).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"Embedded font '{resourceName}' is missing from {assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
