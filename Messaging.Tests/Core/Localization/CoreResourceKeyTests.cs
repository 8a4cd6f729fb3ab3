using System.Text.RegularExpressions;
using System.Xml.Linq;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Core.Localization;

/// <summary>
/// The texts Core renders itself (emails, push notifications): every key named in Core's code exists in the English
/// and the Arabic resx of its resource class, and no key is built at run time, so a recipient never gets a bare key or
/// an exception instead of a sentence. (The web's keys: Localization/ResourceKeyTests, with the parity test for Arabic.)
/// </summary>
public sealed partial class CoreResourceKeyTests
{
    private static readonly string CoreRoot = Path.Combine(RepositoryRoot.Path, "Messaging.Core");

    [Fact]
    public void UsedKeys_EveryTextCoreRenders_ExistsInEnglishAndArabic()
    {
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(RepositoryRoot.Path, file);
            problems.AddRange(BuiltKey().Matches(text).Select(m => $"{name}: {m.Value}... builds its key at run time; name each key"));
            foreach (Match use in UsedKey().Matches(text))
            {
                var resource = use.Groups["type"].Value;
                var key = use.Groups["key"].Value;
                foreach (var resx in new[] { $"{resource}.resx", $"{resource}.ar.resx" })
                {
                    checkedKeys++;
                    var path = Path.Combine(CoreRoot, "Resources", resx);
                    if (!File.Exists(path) || !Keys(path).Contains(key))
                    {
                        problems.Add($"{name}: {resource}[\"{key}\"] is not in {resx}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedKeys > 30, $"only {checkedKeys} key uses found: the scan lost its way");
    }

    [Fact]
    public void Scan_RecognisesLiteralAndBuiltKeys()
    {
        const string sample = """
            NotificationsText.Format("DigestSubject", culture, count);
            AccountsText.Get("ConfirmSubject", culture);
            NotificationsText.Get($"Push{kind}", culture);
            """;

        Assert.Equal(["NotificationsText:DigestSubject", "AccountsText:ConfirmSubject"],
            UsedKey().Matches(sample).Select(m => $"{m.Groups["type"].Value}:{m.Groups["key"].Value}"));
        Assert.Single(BuiltKey().Matches(sample));
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(CoreRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?<type>\w+Text)\.(?:Get|Format)\(""(?<key>[^""]+)""")]
    private static partial Regex UsedKey();

    [GeneratedRegex(@"\b\w+Text\.(?:Get|Format)\((?:\$""|""[^""]*""\s*\+)")]
    private static partial Regex BuiltKey();
}
