using ServicePublic.Web.Infrastructure.Signing;

namespace ServicePublic.Web.Infrastructure.Auditing;

internal static class AuditingServices
{
    public static void AddAuditing(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<AuditChain>();
        builder.Services.AddSingleton<AuditThrottle>();
        builder.Services.Configure<AuditCheckpointOptions>(builder.Configuration.GetSection(AuditCheckpointOptions.Section));
        // Loaded when the host starts (the checkpointer needs it), so a missing key still stops a
        // server, after the configuration checks that come later in Program.cs have had their say.
        builder.Services.AddSingleton(sp => new AuditCheckpointSigner(SigningKeys.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>(),
            AuditCheckpointSigner.KeySetting, AuditCheckpointSigner.KeyPathSetting, "audit-checkpoint-key.pem", "audit checkpoints")));
        builder.Services.AddSingleton<AuditCheckpointStore>();
        builder.Services.AddSingleton<AuditCheckpointer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointer>());
    }
}
