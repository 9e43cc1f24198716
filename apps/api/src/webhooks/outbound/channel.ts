/** The channel delivery workers LISTEN on; a NOTIFY is delivered only when the transaction commits. */
export const DELIVERY_CHANNEL = 'gatehouse_webhook_deliveries';
