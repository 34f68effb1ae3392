using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace SommeNumerique.Saas.Web.Tests.Api.Treasury.EInvoicing;

/// <summary>
/// Offline validation of UBL documents with the official artefacts copied in <c>Standards/</c>: the OASIS UBL 2.1
/// XSDs (.NET XmlSchemaSet) and the CEN EN 16931 UBL Schematron compiled to XSLT 2.0 (Saxon-HE, one JVM for a
/// whole folder of documents).
/// </summary>
internal static class EInvoiceValidation
{
    public const string SaxonJar = "/usr/share/java/Saxon-HE.jar";
    public static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    private static readonly Lazy<string> StandardsFolder = new(FindStandards);
    private static readonly Lazy<XmlSchemaSet> InvoiceSchema = new(() => Compile("UBL-Invoice-2.1.xsd"));
    private static readonly Lazy<XmlSchemaSet> CreditNoteSchema = new(() => Compile("UBL-CreditNote-2.1.xsd"));

    public static string Standards => StandardsFolder.Value;

    /// <summary>The repository's copy of the artefacts (<c>tests/SommeNumerique.Saas.Web.Tests/Standards</c>, see its README).</summary>
    private static string FindStandards() => SommeNumerique.Saas.Web.Tests.Treasury.PesSchema.StandardsFolder;

    private static XmlSchemaSet Compile(string mainDocument)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var xsd = Path.Combine(Standards, "en16931", "ubl-2.1-xsd", "xsd");
        // The XML-DSig schema has an internal DTD, which .NET refuses by default: load it first, DTD allowed.
        using (var dsig = XmlReader.Create(Path.Combine(xsd, "common", "UBL-xmldsig-core-schema-2.1.xsd"),
                   new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null }))
            schemas.Add(null, dsig);
        schemas.Add(null, Path.Combine(xsd, "maindoc", mainDocument));
        schemas.Compile();
        return schemas;
    }

    /// <summary>The XSD errors of a UBL Invoice or CreditNote (empty when valid).</summary>
    public static IReadOnlyList<string> XsdErrors(byte[] document)
    {
        var isCreditNote = XDocument.Load(new MemoryStream(document)).Root!.Name.LocalName == "CreditNote";
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = isCreditNote ? CreditNoteSchema.Value : InvoiceSchema.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read()) { }
        return errors;
    }

    /// <summary>
    /// Runs the EN 16931 UBL Schematron on every file of <paramref name="folder"/> in one Saxon call and returns,
    /// per file name, the failed assertions ("BR-xx [flag]: text").
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<FailedAssert>>> SchematronAsync(string folder)
    {
        var output = Path.Combine(folder, "svrl");
        Directory.CreateDirectory(output);
        var xslt = Path.Combine(Standards, "en16931", "eInvoicing-EN16931", "ubl", "xslt", "EN16931-UBL-validation.xslt");
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "-cp", SaxonJar, "net.sf.saxon.Transform", $"-s:{folder}", $"-xsl:{xslt}", $"-o:{output}" })
            start.ArgumentList.Add(argument);
        using var java = Process.Start(start)!;
        var stderr = java.StandardError.ReadToEndAsync();
        var stdout = java.StandardOutput.ReadToEndAsync();
        await java.WaitForExitAsync();
        Assert.True(java.ExitCode == 0, $"Saxon failed ({java.ExitCode}): {await stderr}{await stdout}");

        var results = new Dictionary<string, IReadOnlyList<FailedAssert>>();
        foreach (var file in Directory.GetFiles(folder, "*.xml"))
        {
            var svrlFile = Path.Combine(output, Path.GetFileName(file));
            Assert.True(File.Exists(svrlFile), $"no SVRL report for {file}");
            results[Path.GetFileName(file)] = XDocument.Load(svrlFile).Descendants(Svrl + "failed-assert")
                .Select(f => new FailedAssert((string?)f.Attribute("id") ?? "?", (string?)f.Attribute("flag") ?? "?",
                    f.Element(Svrl + "text")?.Value.Trim() ?? "", (string?)f.Attribute("location") ?? ""))
                .ToList();
        }
        return results;
    }
}

/// <summary>A failed Schematron assertion of an SVRL report.</summary>
internal sealed record FailedAssert(string Id, string Flag, string Text, string Location)
{
    public override string ToString() => $"{Id} [{Flag}] at {Location}: {Text}";
}
