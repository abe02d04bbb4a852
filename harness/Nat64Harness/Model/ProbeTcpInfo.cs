namespace Nat64Harness.Model;

/// <summary>The app's view of a TCP connection's segment sizes right after connect (TCP_MAXSEG and TCP_INFO).</summary>
/// <param name="MaxSeg">TCP_MAXSEG: the MSS the app's kernel sends with (the smaller of the peer's MSS option and its own path MTU − 60).</param>
/// <param name="SendMss">tcpi_snd_mss.</param>
/// <param name="ReceiveMss">tcpi_rcv_mss (an estimate from received segments).</param>
/// <param name="AdvertisedMss">tcpi_advmss: the MSS the app advertised.</param>
/// <param name="PathMtu">tcpi_pmtu: the path MTU the app's kernel holds.</param>
public sealed record ProbeTcpInfo(int MaxSeg, int SendMss, int ReceiveMss, int AdvertisedMss, int PathMtu);
