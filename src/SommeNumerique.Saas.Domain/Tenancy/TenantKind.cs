namespace SommeNumerique.Saas.Domain.Tenancy;

/// <summary>What kind of public body a tenant is.</summary>
public enum TenantKind
{
    /// <summary>Département (collectivité territoriale).</summary>
    Departement = 1,
    /// <summary>EPCI: communauté d'agglomération (CA).</summary>
    CommunauteAgglomeration = 2,
    /// <summary>EPCI: communauté de communes (CC).</summary>
    CommunauteCommunes = 3,
    /// <summary>EPCI: communauté urbaine (CU).</summary>
    CommunauteUrbaine = 4,
    /// <summary>EPCI: métropole.</summary>
    Metropole = 5,
    Commune = 6,
    /// <summary>Other public body: CCAS, syndicat, SIVU...</summary>
    EtablissementPublic = 7,
    /// <summary>Centre communal (ou intercommunal) d'action sociale.</summary>
    Ccas = 8,
    /// <summary>Syndicat intercommunal à vocations multiples, syndicat mixte (SIVOM, syndicat scolaire...).</summary>
    Syndicat = 9,
    /// <summary>Syndicat intercommunal à vocation unique.</summary>
    Sivu = 10,
    /// <summary>Service départemental d'incendie et de secours.</summary>
    Sdis = 11,
}

public static class TenantKinds
{
    public static bool IsEpci(this TenantKind kind) =>
        kind is TenantKind.CommunauteAgglomeration or TenantKind.CommunauteCommunes
            or TenantKind.CommunauteUrbaine or TenantKind.Metropole;

    /// <summary>Public bodies that are not in the national files (CCAS, syndicats, SIVU, SDIS...): staff create them.</summary>
    public static bool IsOtherPublicBody(this TenantKind kind) =>
        kind is TenantKind.EtablissementPublic or TenantKind.Ccas or TenantKind.Syndicat or TenantKind.Sivu or TenantKind.Sdis;

    /// <summary>The French label shown in the portal.</summary>
    public static string Label(this TenantKind kind) => kind switch
    {
        TenantKind.Departement => "Département",
        TenantKind.CommunauteAgglomeration => "Communauté d'agglomération",
        TenantKind.CommunauteCommunes => "Communauté de communes",
        TenantKind.CommunauteUrbaine => "Communauté urbaine",
        TenantKind.Metropole => "Métropole",
        TenantKind.Commune => "Commune",
        TenantKind.EtablissementPublic => "Établissement public",
        TenantKind.Ccas => "CCAS / CIAS",
        TenantKind.Syndicat => "Syndicat intercommunal ou mixte",
        TenantKind.Sivu => "SIVU",
        TenantKind.Sdis => "SDIS",
        _ => kind.ToString(),
    };
}
