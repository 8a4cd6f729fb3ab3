using System.Globalization;
using Messaging.Web.Features.Culture;
using Microsoft.Extensions.Localization;
using AdminText = Messaging.Web.Resources.Admin;

namespace Messaging.Tests.Web.Culture;

/// <summary>The developers' pseudo-localization culture (qps-ploc) over the real resx files.</summary>
public sealed class PseudoLocalizationTests
{
    [Fact]
    public void Localizer_QpsPloc_BracketedAccentedLongerWithPlaceholdersKept()
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().AddPseudoLocalization().BuildServiceProvider();
        var text = services.GetRequiredService<IStringLocalizer<AdminText>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            var english = text["SuspendHeading"].Value;
            Assert.Equal("Suspend {0}", english);

            CultureInfo.CurrentUICulture = new CultureInfo(PseudoLocalization.Culture);
            var pseudo = text["SuspendHeading"].Value;
            var formatted = text["SuspendHeading", "Sara"].Value;

            Assert.StartsWith("[Šûšþéñð {0}", pseudo, StringComparison.Ordinal);
            Assert.EndsWith("]", pseudo, StringComparison.Ordinal);
            Assert.True(pseudo.Length > english.Length * 4 / 3, pseudo);
            Assert.Contains("Sara", formatted, StringComparison.Ordinal);
            Assert.True(text["NoSuchKey"].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
