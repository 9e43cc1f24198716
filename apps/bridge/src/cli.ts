// The bridge agent arrives with the bridge issue; this entry only says so.
console.log('gatehouse-bridge: not implemented yet (see the bridge issue).');
