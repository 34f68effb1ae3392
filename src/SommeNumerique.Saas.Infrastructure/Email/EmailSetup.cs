using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SommeNumerique.Saas.Infrastructure.Email;

public static class EmailSetup
{
    /// <summary>
    /// The sender (SMTP when <c>Email:Smtp:Host</c> is set; else the pickup folder in Development, else a sender that
    /// reports each message as failed) and the outbox dispatcher.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<UnconfiguredEmailSender>();
        services.AddSingleton<IEmailSender>(sp =>
        {
            if (sp.GetRequiredService<IOptions<EmailOptions>>().Value.SmtpConfigured) return sp.GetRequiredService<SmtpEmailSender>();
            return sp.GetRequiredService<IHostEnvironment>().IsDevelopment()
                ? sp.GetRequiredService<PickupFolderEmailSender>()
                : sp.GetRequiredService<UnconfiguredEmailSender>();
        });
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
