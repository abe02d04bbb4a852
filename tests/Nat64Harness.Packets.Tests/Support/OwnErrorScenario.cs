using Nat64Harness.Oracle;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>
/// A packet that does not come out of the translator and the ICMP error its sender gets instead, from between the
/// capture points: <see cref="Quoted"/> is the packet in error as the error carries it (cut to <see cref="QuoteBytes"/>),
/// so a negative case changes exactly one of its fields and the error is rebuilt around it.
/// </summary>
internal sealed record OwnErrorScenario(TranslationContext Context, TestPacket Sent, TestPacket Quoted, IcmpSpec Header, int QuoteBytes)
{
    public string ErrorSource { get; init; } = Sent.Version == 4 ? Nat64Ipv4 : TranslatorAs6;

    public string? ErrorDestination { get; init; }

    public TestPacket Error
    {
        get
        {
            var quote = Quoted.Build();
            return new TestPacket
            {
                Source = ErrorSource,
                Destination = ErrorDestination ?? Sent.Source,
                HopLimit = 62,
                TrafficClass = 0xc0,
                Upper = Header with { Body = quote[..Math.Min(QuoteBytes, quote.Length)] },
            };
        }
    }

    /// <summary>The translator's address inside the prefix (100.64.5.3), the source of its own ICMPv6 errors.</summary>
    public const string TranslatorAs6 = "64:ff9b::6440:503";
}
