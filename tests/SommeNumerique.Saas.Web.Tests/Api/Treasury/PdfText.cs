using System.Diagnostics;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury;

/// <summary>The text of a PDF as a reader sees it (poppler-utils' pdftotext, installed by .ci/run).</summary>
internal static class PdfText
{
    public static string Extract(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sn-web-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftotext failed: {process.StandardError.ReadToEnd()}");
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
