namespace ServicePublic.UnitTests;

/// <summary>The repository's source files, for tests that read them rather than run them.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Web { get; } = Path.Combine(Root, "src", "ServicePublic.Web");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServicePublic.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("ServicePublic.sln not found above the test binaries.");
    }
}
