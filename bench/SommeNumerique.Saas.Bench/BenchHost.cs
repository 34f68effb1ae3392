using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Application;
using SommeNumerique.Saas.Application.Features.Billing.Runs;
using SommeNumerique.Saas.Application.Identity;
using SommeNumerique.Saas.Infrastructure;
using SommeNumerique.Saas.Infrastructure.Billing;
using SommeNumerique.Saas.Web;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// The application's services as Program.cs composes them (AddApplication, AddInfrastructure, AddSaasMediator) on
/// a given database, without the web server and without the background worker: billing runs are processed by the
/// bench itself, synchronously, so that their time is measured.
/// </summary>
public static class BenchHost
{
    public static IHost Build(string provider, string connectionString, string contentRoot, int? batchSize = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = contentRoot,
        });
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Default"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            // The national files are imported by the bench (timed on their own), not the embedded Somme extract.
            ["Database:ImportReferenceData"] = "false",
            ["Database:SeedCatalogue"] = "true",
            // Treasury exports: the fictitious identifiers of src/SommeNumerique.Saas.Web/appsettings.json (not loaded here).
            ["Pes:IdPost"] = "080000",
            ["Pes:IdColl"] = "20000000000000",
            ["Pes:CodCol"] = "000",
            ["Pes:CodBud"] = "01",
            ["Pes:LibelleColBud"] = "SYNDICAT MIXTE SOMME NUMERIQUE",
            ["Seller:AddressLines:0"] = "Syndicat mixte Somme Numérique",
            ["Seller:AddressLines:1"] = "80000 Amiens",
            ["Seller:Contact"] = "facturation@somme-numerique.fr",
            ["Seller:PaymentInstructions"] = "Règlement au comptable public assignataire, à réception du titre de recette.",
            // No Pdf:LicenseKey: PdfLicensing applies the AGPL choice when IInvoicePdfRenderer is resolved.
        };
        if (batchSize is { } size) settings["Billing:BatchSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration.AddInMemoryCollection(settings);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("SommeNumerique.Saas.Infrastructure", LogLevel.Information);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddApplication();
        services.AddInfrastructure(builder.Configuration, contentRoot);
        services.AddSaasMediator();

        // No background worker: the bench calls ProcessBillingRun itself. The queue only records what was enqueued.
        var worker = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(BillingRunWorker)).ToList();
        foreach (var descriptor in worker) services.Remove(descriptor);
        services.AddSingleton<RecordingQueue>();
        services.AddSingleton<IBillingRunQueue>(sp => sp.GetRequiredService<RecordingQueue>());
        // Commands record who acted: a staff agent, without an HTTP request.
        services.AddScoped<ICurrentUser, BenchUser>();

        return builder.Build();
    }
}

/// <summary>Remembers the runs the handlers enqueue; nothing processes them in the background.</summary>
public sealed class RecordingQueue : IBillingRunQueue
{
    public List<Guid> Enqueued { get; } = [];

    public ValueTask EnqueueAsync(Guid runId, CancellationToken cancellationToken)
    {
        lock (Enqueued) Enqueued.Add(runId);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A syndicate staff agent, for the commands that record their author.</summary>
public sealed class BenchUser : ICurrentUser
{
    public bool IsAuthenticated => true;
    public Guid? UserId => null;
    public string? Email => "bench@somme-numerique.fr";
    public string? DisplayName => "Banc d'essai";
    public bool IsInRole(string role) => role == Roles.Staff;
}
