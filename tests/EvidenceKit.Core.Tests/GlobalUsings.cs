// What nearly every Core test uses: the ports, the Linux adapters behind them, and the shared test support.
global using EvidenceKit.Core.Abstractions;
global using EvidenceKit.Core.Platform;
global using EvidenceKit.Core.Tests.Support;
global using EvidenceKit.Platform.Linux;
global using EvidenceKit.Testing;
global using System.IO.Abstractions;
