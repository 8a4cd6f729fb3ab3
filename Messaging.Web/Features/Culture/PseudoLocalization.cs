using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Culture;

/// <summary>
/// The pseudo-localization culture <c>qps-ploc</c> for developers: every resx string shows accented, bracketed and a
/// third longer ("[Šéţţîñĝš ~~~]"), so text that skips the resx files stays plain English on screen and text that a
/// layout cuts loses its closing bracket. Off unless <c>Messaging:Localization:PseudoLocalization</c> is true
/// (default: on in Development); open any page with <c>?culture=qps-ploc</c>.
/// </summary>
internal static partial class PseudoLocalization
{
    public const string Culture = "qps-ploc";
    public const string Setting = "Messaging:Localization:PseudoLocalization";

    private static readonly Dictionary<char, char> Accents = new()
    {
        ['a'] = 'á',
        ['b'] = 'ƀ',
        ['c'] = 'ç',
        ['d'] = 'ð',
        ['e'] = 'é',
        ['f'] = 'ƒ',
        ['g'] = 'ĝ',
        ['h'] = 'ĥ',
        ['i'] = 'î',
        ['j'] = 'ĵ',
        ['k'] = 'ķ',
        ['l'] = 'ļ',
        ['m'] = 'ɱ',
        ['n'] = 'ñ',
        ['o'] = 'ö',
        ['p'] = 'þ',
        ['r'] = 'ŕ',
        ['s'] = 'š',
        ['t'] = 'ţ',
        ['u'] = 'û',
        ['w'] = 'ŵ',
        ['y'] = 'ý',
        ['z'] = 'ž',
        ['A'] = 'Å',
        ['C'] = 'Ç',
        ['D'] = 'Ð',
        ['E'] = 'É',
        ['I'] = 'Î',
        ['N'] = 'Ñ',
        ['O'] = 'Ö',
        ['S'] = 'Š',
        ['U'] = 'Û',
        ['Y'] = 'Ý',
        ['Z'] = 'Ž',
    };

    /// <summary>Whether <see cref="Culture"/> is offered, from the options and environment of <paramref name="services"/>.</summary>
    public static bool Enabled(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PseudoLocalizationOptions>>().Value.PseudoLocalization
        ?? services.GetRequiredService<IHostEnvironment>().IsDevelopment();

    public static bool IsActive => string.Equals(CultureInfo.CurrentUICulture.Name, Culture, StringComparison.OrdinalIgnoreCase);

    /// <summary>Wraps the resx localizers; they change nothing unless the current UI culture is <see cref="Culture"/>.</summary>
    public static IServiceCollection AddPseudoLocalization(this IServiceCollection services)
    {
        services.AddOptions<PseudoLocalizationOptions>().BindConfiguration(PseudoLocalizationOptions.Section).ValidateOnStart();
        services.TryAddSingleton<ResourceManagerStringLocalizerFactory>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, PseudoStringLocalizerFactory>());
        return services;
    }

    /// <summary>Accents letters, keeps placeholders such as <c>{0}</c> intact, lengthens by a third and brackets the text.</summary>
    public static string Transform(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var result = new StringBuilder("[");
        foreach (var part in Placeholder().Split(text))
        {
            if (Placeholder().IsMatch(part))
            {
                result.Append(part);
                continue;
            }

            foreach (var c in part)
            {
                result.Append(Accents.TryGetValue(c, out var accented) ? accented : c);
            }
        }

        return result.Append(' ').Append('~', Math.Max(1, text.Length / 3)).Append(']').ToString();
    }

    [GeneratedRegex(@"(\{\d+(?:[,:][^}]*)?\})")]
    private static partial Regex Placeholder();

    private sealed class PseudoStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new PseudoStringLocalizer(inner.Create(resourceSource));

        public IStringLocalizer Create(string baseName, string location) => new PseudoStringLocalizer(inner.Create(baseName, location));
    }

    private sealed class PseudoStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Wrap(inner[name]);

        public LocalizedString this[string name, params object[] arguments] =>
            IsActive && !inner[name].ResourceNotFound
                ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, Transform(inner[name].Value), arguments), false, inner[name].SearchedLocation)
                : inner[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Wrap);

        private static LocalizedString Wrap(LocalizedString s) =>
            IsActive && !s.ResourceNotFound ? new LocalizedString(s.Name, Transform(s.Value), false, s.SearchedLocation) : s;
    }
}

/// <summary>The <c>Messaging:Localization</c> section.</summary>
public sealed class PseudoLocalizationOptions
{
    public const string Section = "Messaging:Localization";

    /// <summary>Offer <c>qps-ploc</c>; unset: only in Development.</summary>
    public bool? PseudoLocalization { get; set; }
}
