using Microsoft.Extensions.Configuration;
using PdfSharp;
using PdfSharp.License;

namespace SommeNumerique.Saas.Infrastructure.Invoicing.Pdf;

/// <summary>
/// PDFsharp 6.5 is dual-licensed, AGPL-3.0-only or commercial, and renders nothing until the process says
/// which applies. Configuration <c>Pdf:LicenseKey</c> (a secret: environment variable <c>Pdf__LicenseKey</c>)
/// loads a commercial licence; without it the AGPL applies, which obliges the syndicate to publish the
/// application's source to its users. That choice belongs to the syndicate (see README, "Licences").
/// </summary>
public static class PdfLicensing
{
    private static readonly Lock Gate = new();
    private static bool _applied;

    /// <summary>Applies the configured licence choice (<c>Pdf:LicenseKey</c>), then hands back the renderer.</summary>
    public static T Applied<T>(IConfiguration configuration, T renderer)
    {
        Apply(configuration["Pdf:LicenseKey"]);
        return renderer;
    }

    /// <returns>"commercial" or "AGPL-3.0".</returns>
    public static string Apply(string? licenseKey)
    {
        lock (Gate)
        {
            var commercial = !string.IsNullOrWhiteSpace(licenseKey);
            if (!_applied)
            {
                if (commercial) PdfSharpLicense.LoadLicense(licenseKey!.Trim());
                else PdfSharpLicense.SetAgplLicense();
                _applied = true;
            }
            return commercial ? "commercial" : "AGPL-3.0";
        }
    }
}
