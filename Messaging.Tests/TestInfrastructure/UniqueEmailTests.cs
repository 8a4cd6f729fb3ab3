using System.Net.Mail;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>Test users get a valid address of their own whatever the script of their name (Arabic names have no Latin handle).</summary>
public sealed class UniqueEmailTests
{
    [Theory]
    [InlineData("سارة الحسن", "user.")]
    [InlineData("Sarah Hassan", "sarah.hassan.")]
    [InlineData("Omar عمر 2", "omar.2.")]
    public void UniqueEmail_AnyName_IsAValidAddressStartingWithTheLatinHandle(string name, string handle)
    {
        var email = ApiClient.UniqueEmail(name);

        Assert.StartsWith(handle, email, StringComparison.Ordinal);
        Assert.True(MailAddress.TryCreate(email, out var parsed), email);
        Assert.Equal(email, parsed.Address);
    }

    [Fact]
    public void UniqueEmail_SameName_DiffersEachTime() =>
        Assert.NotEqual(ApiClient.UniqueEmail("سارة"), ApiClient.UniqueEmail("سارة"));
}
