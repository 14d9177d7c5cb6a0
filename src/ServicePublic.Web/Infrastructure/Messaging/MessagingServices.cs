namespace ServicePublic.Web.Infrastructure.Messaging;

/// <summary>Emails and SMS through the outbox, with real transports where configured.</summary>
internal static class MessagingServices
{
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<SmsReceipts>();
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
        builder.Services.Configure<HttpSmsOptions>(builder.Configuration.GetSection(HttpSmsOptions.Section));
        builder.Services.Configure<OutboxSenderOptions>(builder.Configuration.GetSection(OutboxSenderOptions.Section));

        // Real transports when configured; otherwise messages stay readable at /dev/messages (never in Production).
        builder.Services.AddSingleton(services => new KeptInOutboxTransport(
            services.GetRequiredService<ILogger<KeptInOutboxTransport>>(), keepsMessages: !builder.Environment.IsProduction()));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{SmtpOptions.Section}:Host"]))
        {
            builder.Services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IEmailTransport>(services => services.GetRequiredService<KeptInOutboxTransport>());
        }
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{HttpSmsOptions.Section}:Url"]))
        {
            builder.Services.AddHttpClient<ISmsSender, HttpSmsSender>();
        }
        else
        {
            builder.Services.AddSingleton<ISmsSender>(services => services.GetRequiredService<KeptInOutboxTransport>());
        }
        builder.Services.AddHostedService<OutboxSender>();
        builder.Services.AddHostedService<OutboxRetention>();
    }
}
