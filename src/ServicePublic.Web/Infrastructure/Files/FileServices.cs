namespace ServicePublic.Web.Infrastructure.Files;

internal static class FileServices
{
    public static void AddFiles(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FileStoreOptions>(builder.Configuration.GetSection(FileStoreOptions.Section));
        builder.Services.AddSingleton<IFileStore, LocalFileStore>();
        builder.Services.AddScoped<UploadInspector>();
    }
}
