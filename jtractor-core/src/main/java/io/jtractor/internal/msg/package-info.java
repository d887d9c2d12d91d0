/**
 * The wire messages of the actor protocol and their msgpack codec; knows nothing about what
 * actors do with them.
 *
 * <h2>Frame layout</h2>
 *
 * <p>A connection carries a sequence of frames, nothing between them:
 *
 * <pre>
 *  byte 0       4                                             4 + length
 *  +------------+---------------------------------------------+
 *  | length     | body: one msgpack map                       |
 *  | u32, little|   "msg_type" : kind name        (first key) |
 *  | endian,    |   field      : value            (wire order,|
 *  | body only  |   ...                            defaults   |
 *  |            |                                  included)  |
 *  +------------+---------------------------------------------+
 *
 *  e.g. Yield: 3f 00 00 00 | 83 a8 "msg_type" a5 "Yield" a3 "cid" d9 24 "&lt;36-char uuid&gt;"
 *                               a3 "pld" 00
 * </pre>
 *
 * <h2>Message kinds</h2>
 *
 * <table>
 * <caption>msg_type and fields, in wire order</caption>
 * <tr><th>msg_type</th><th>fields</th><th>record</th></tr>
 * <tr><td>{@code Aid}</td><td>name, uuid, pid, is_registrar, is_probe [, jtractor_ext]</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.Aid}</td></tr>
 * <tr><td>{@code SpawnSpec}</td><td>_parent_main_data, _runtime_vars, enable_modules,
 *     reg_addrs, bind_addrs</td><td>{@link io.jtractor.internal.msg.Msg.SpawnSpec}</td></tr>
 * <tr><td>{@code Start}</td><td>cid, ns, func, kwargs, uid, pld_spec</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.Start}</td></tr>
 * <tr><td>{@code StartAck}</td><td>cid, functype</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.StartAck}</td></tr>
 * <tr><td>{@code Started}</td><td>cid, pld</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.Started}</td></tr>
 * <tr><td>{@code Yield}</td><td>cid, pld</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.Yield}</td></tr>
 * <tr><td>{@code Stop}</td><td>cid</td><td>{@link io.jtractor.internal.msg.Msg.Stop}</td></tr>
 * <tr><td>{@code Return}</td><td>cid, pld</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.Return}</td></tr>
 * <tr><td>{@code CancelAck}</td><td>cid, pld (bool)</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.CancelAck}</td></tr>
 * <tr><td>{@code Error}</td><td>src_uid, src_type_str, boxed_type_str, relay_path, message,
 *     tb_str, canceller, sender, cid, _bad_msg, _bad_msg_as_dict</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.ErrorMsg}</td></tr>
 * <tr><td>{@code Credit}</td><td>cid, credits (jtractor extension)</td>
 *     <td>{@link io.jtractor.internal.msg.Msg.Credit}</td></tr>
 * </table>
 *
 * <p>An actor id is the array {@code [name, uuid]}; a context id is a UUID string. Payloads
 * ({@code pld}, {@code kwargs} values) stay encoded as {@link io.jtractor.internal.msg.RawValue}s
 * until the receiving code converts them with {@link io.jtractor.internal.msg.Payloads}.
 */
package io.jtractor.internal.msg;
