namespace SommeNumerique.Saas.Application.Features.Treasury;

/// <summary>
/// Configuration section <c>Pes</c>: the syndicate's identifiers in Hélios, written in the header of every
/// PES V2 flow (values to be confirmed by the public accountant before production).
/// </summary>
/// <remarks>
/// <see cref="SchemaVersion"/> is the DGFiP PES V2 schema version the flow must validate against
/// (default "2.1.a", the only complete schema set the project holds). Fields that only exist in later
/// versions — BlocPiece <c>Edition</c> (ASAP), <c>NumeroFacture</c>, <c>CodeService</c>,
/// <c>NumeroEngagement</c>, BlocBordereau <c>Objet</c> — are written only when the configured version is
/// later than 2.1.a (versions compared part by part: "5.3" &gt; "2.1.a" &gt; "2.1"), so a current DGFiP
/// schema can be adopted by configuration, without a code change.
/// </remarks>
public sealed class PesOptions
{
    public const string Section = "Pes";

    /// <summary>The first schema version described by this code (XSD 2.1.a).</summary>
    public const string BaseSchemaVersion = "2.1.a";

    /// <summary>Code of the public accountant's post (IdPost, up to 7 characters).</summary>
    public string IdPost { get; set; } = "";
    /// <summary>SIRET of the syndicate (IdColl, 14 digits).</summary>
    public string IdColl { get; set; } = "";
    /// <summary>Collectivity code in Hélios (CodCol, up to 3 letters or digits).</summary>
    public string CodCol { get; set; } = "";
    /// <summary>Budget code (CodBud, up to 2 letters or digits).</summary>
    public string CodBud { get; set; } = "";
    /// <summary>Label of the collectivity and budget (LibelleColBud, up to 38 characters).</summary>
    public string LibelleColBud { get; set; } = "";
    /// <summary>DGFiP PES V2 schema version the flows follow (see remarks).</summary>
    public string SchemaVersion { get; set; } = BaseSchemaVersion;
    /// <summary>ASAP edition code (Edition, later schemas only): 01 ASAP à éditer, 02 ASAP Chorus Pro.</summary>
    public string Edition { get; set; } = "01";

    /// <summary>Whether the configured schema is later than 2.1.a (and so has the ASAP/Chorus fields).</summary>
    public bool HasLaterFields => PesSchemaVersion.Compare(SchemaVersion, BaseSchemaVersion) > 0;
}

/// <summary>Compares PES schema versions such as "2.1", "2.1.a", "4.7.1", "5.3" part by part.</summary>
public static class PesSchemaVersion
{
    /// <summary>Negative, zero or positive as <paramref name="left"/> is before, equal to or after <paramref name="right"/>.</summary>
    public static int Compare(string? left, string? right)
    {
        var a = Parts(left);
        var b = Parts(right);
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length) return -1; // "2.1" < "2.1.a"
            if (i >= b.Length) return 1;
            var x = a[i];
            var y = b[i];
            var bothNumbers = int.TryParse(x, out var nx) & int.TryParse(y, out var ny);
            var order = bothNumbers ? nx.CompareTo(ny) : string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            if (order != 0) return order;
        }
        return 0;
    }

    private static string[] Parts(string? version) =>
        (version ?? "").Trim().Split(['.', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
}
