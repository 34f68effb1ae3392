using SommeNumerique.Saas.Domain.Payments;

namespace SommeNumerique.Saas.Domain.Tests.Payments;

public sealed class OnlinePaymentTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_online_payment_only_moves_forward_whatever_the_order_of_the_notices()
    {
        var payment = OnlinePayment.Start(Guid.NewGuid(), Guid.NewGuid(), 120m, At);
        Assert.True(payment.MoveTo(OnlinePaymentStatus.Succeeded, At));
        Assert.False(payment.MoveTo(OnlinePaymentStatus.Processing, At)); // the late "SEPA submitted" notice
        Assert.False(payment.MoveTo(OnlinePaymentStatus.Failed, At));
        Assert.Equal(OnlinePaymentStatus.Succeeded, payment.Status);
        Assert.True(payment.MoveTo(OnlinePaymentStatus.Refunded, At));
        Assert.False(payment.MoveTo(OnlinePaymentStatus.Succeeded, At));
        Assert.Equal(OnlinePaymentStatus.Refunded, payment.Status);
    }

    [Fact]
    public void A_dispute_won_ends_the_dispute_for_good_but_a_full_refund_may_still_follow()
    {
        var payment = OnlinePayment.Start(Guid.NewGuid(), Guid.NewGuid(), 120m, At);
        payment.MoveTo(OnlinePaymentStatus.Succeeded, At);
        Assert.True(payment.MoveTo(OnlinePaymentStatus.Disputed, At));
        Assert.True(payment.MoveTo(OnlinePaymentStatus.DisputeWon, At));
        Assert.False(payment.MoveTo(OnlinePaymentStatus.Disputed, At)); // a late "dispute created"
        Assert.True(payment.MoveTo(OnlinePaymentStatus.Refunded, At));
        Assert.False(payment.MoveTo(OnlinePaymentStatus.DisputeWon, At));
        Assert.Equal(OnlinePaymentStatus.Refunded, payment.Status);
    }

    [Fact]
    public void Nothing_left_to_pay_starts_no_online_payment_and_each_attempt_has_its_own_idempotency_key()
    {
        Assert.Throws<DomainException>(() => OnlinePayment.Start(Guid.NewGuid(), Guid.NewGuid(), 0m, At));
        var a = OnlinePayment.Start(Guid.NewGuid(), Guid.NewGuid(), 10m, At);
        var b = OnlinePayment.Start(Guid.NewGuid(), Guid.NewGuid(), 10m, At);
        Assert.NotEqual(a.IdempotencyKey, b.IdempotencyKey);
        Assert.Equal(OnlinePaymentStatus.Open, a.Status);
    }
}
