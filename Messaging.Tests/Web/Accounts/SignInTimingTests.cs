using System.Net;
using Messaging.Core.Accounts;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Tests.Web.Accounts;

/// <summary>
/// An unknown email and a wrong password cost the same work (one password hash check), so the answer's timing does
/// not reveal which emails have accounts. Counted, not timed: a timed assertion would be noise on a shared machine.
/// </summary>
public sealed class SignInTimingTests(SignInTimingTests.Fixture app) : IClassFixture<SignInTimingTests.Fixture>
{
    [Fact]
    public async Task SignIn_UnknownEmailAndWrongPassword_EachCheckOnePasswordHash()
    {
        using var api = app.Host.CreateApi();
        var known = await api.CreateVerifiedUserAsync("Hana Known");
        using var http = new HttpClient { BaseAddress = app.Host.BaseAddress };

        var before = CountingHasher.Verifications;
        using (var unknown = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody.{Guid.NewGuid():N}@tests.local", password = "password-123" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        var forUnknown = CountingHasher.Verifications - before;
        before = CountingHasher.Verifications;
        using (var wrong = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = known.Email, password = "not-the-password" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var forWrongPassword = CountingHasher.Verifications - before;
        Assert.Equal(1, forWrongPassword);
        Assert.Equal(forWrongPassword, forUnknown);
    }

    /// <summary>Identity's own hasher, counting its verifications (this class's host only).</summary>
    public sealed class CountingHasher : IPasswordHasher<User>
    {
        private static int verifications;
        private readonly PasswordHasher<User> inner = new();

        public static int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(User user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class Fixture : AppFixture
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override Action<IServiceCollection>? Services => services => services.AddScoped<IPasswordHasher<User>, CountingHasher>();
    }
}
