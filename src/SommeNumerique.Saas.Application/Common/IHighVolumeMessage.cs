namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// A message sent hundreds of thousands of times in one operation (a billing run prices every charge):
/// the logging behaviour does not time nor log each one; the operation that sends them logs itself.
/// </summary>
public interface IHighVolumeMessage;
