using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace SommeNumerique.Saas.Web.Tests.Treasury;

/// <summary>
/// Validates PES flows against the DGFiP XSD 2.1.a copied in the repository
/// (<c>tests/SommeNumerique.Saas.Web.Tests/Standards/pes-v2/xemelios-pes-v2.1a/Schemas_PES/PES_V2/Rev0/PES_Aller.xsd</c>).
/// </summary>
internal static class PesSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Compile);

    /// <summary>
    /// The official artefacts copied into the repository (<c>tests/SommeNumerique.Saas.Web.Tests/Standards</c>, origin and
    /// licences in its README), found by walking up from the test assembly: no folder beside the repository is needed.
    /// </summary>
    public static string StandardsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "Standards");
                if (Directory.Exists(Path.Combine(candidate, "pes-v2")) && Directory.Exists(Path.Combine(candidate, "en16931"))) return candidate;
            }
            throw new InvalidOperationException($"No Standards folder above {AppContext.BaseDirectory} (tests/SommeNumerique.Saas.Web.Tests/Standards).");
        }
    }

    public static string RootSchema => Path.Combine(StandardsFolder, "pes-v2", "xemelios-pes-v2.1a", "Schemas_PES", "PES_V2", "Rev0", "PES_Aller.xsd");

    /// <summary>The schema errors of a flow (empty when it is valid).</summary>
    public static IReadOnlyList<string> Errors(byte[] flow)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) =>
            errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(flow), settings);
        while (reader.Read()) { }
        return errors;
    }

    public static IReadOnlyList<string> Errors(XDocument flow)
    {
        using var buffer = new MemoryStream();
        flow.Save(buffer);
        return Errors(buffer.ToArray());
    }

    private static XmlSchemaSet Compile()
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var errors = new List<string>();
        set.ValidationEventHandler += (_, e) => { if (e.Severity == XmlSeverityType.Error) errors.Add(e.Message); };
        // xmldsig-core-schema.xsd has a DOCTYPE: DTDs must be read to load it.
        var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };
        using (var reader = XmlReader.Create(RootSchema, readerSettings)) set.Add(null, reader);
        set.Compile();
        if (errors.Count > 0) throw new InvalidOperationException("The PES XSD 2.1.a does not compile: " + string.Join("; ", errors));
        return set;
    }
}
