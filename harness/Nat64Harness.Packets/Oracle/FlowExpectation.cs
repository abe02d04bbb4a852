namespace Nat64Harness.Oracle;

/// <summary>The stateful expectations of one packet pair; a null side is judged the stateless way (RFC 6052, ports copied).</summary>
internal sealed record FlowExpectation(EndpointExpectation? Source, EndpointExpectation? Destination)
{
    public static readonly FlowExpectation Stateless = new(null, null);

    /// <summary>The ICMP identifier's expectation: an echo has one mapped side at most.</summary>
    public EndpointExpectation? Identifier => Source?.Port is not null ? Source : Destination?.Port is not null ? Destination : null;
}
