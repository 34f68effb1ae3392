namespace SommeNumerique.Saas.Application.Features.Treasury.EInvoicing;

/// <summary>Serialises an e-invoice as an OASIS UBL 2.1 Invoice, or CreditNote, document (UTF-8 XML).</summary>
public interface IUblInvoiceWriter
{
    byte[] Write(EInvoice invoice);
}
