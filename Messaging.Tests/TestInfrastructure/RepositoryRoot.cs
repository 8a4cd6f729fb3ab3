namespace Messaging.Tests.TestInfrastructure;

/// <summary>The checkout the tests run from: the folder with Messaging.sln, found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Messaging.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Messaging.sln not found above " + AppContext.BaseDirectory);
    }
}
