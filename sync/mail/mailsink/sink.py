"""A mail sink for CrossTalk's tests: Debian's aiosmtpd with this handler.

    PYTHONPATH=DIR /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c sink.Sink MAILDIR

Each message accepted is written to MAILDIR/new/ (through MAILDIR/tmp/, so
a reader never sees half a file), as a line "X-Sink-Rcpt: a, b" with the
envelope's recipients, then the message as received. Recipients decide
how the relay answers, so that tests can meet each case:

    bounce...@   550 5.1.1 at RCPT: no such mailbox, for good
    denied...@   550 5.7.1 at RCPT: the relay's policy refuses it
    tempfail...@ 451 at RCPT: a temporary failure
    slow...@     the answer to DATA comes after 3 seconds

and a message that holds the text REJECT-CONTENT is refused at the end
of DATA with 554 5.7.1, as a relay refuses what its filter dislikes.
"""
import asyncio
import os
import time
import uuid


class Sink:
    def __init__(self, maildir):
        self.maildir = maildir
        for sub in ("tmp", "new"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("sink.Sink takes one argument: the maildir")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("bounce"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local.startswith("denied"):
            return "550 5.7.1 <%s>: Relay access denied" % address
        if local.startswith("tempfail"):
            return "451 4.3.0 <%s>: Temporary failure, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.split("@", 1)[0].lower().startswith("slow") for a in envelope.rcpt_tos):
            await asyncio.sleep(3)
        if b"REJECT-CONTENT" in envelope.original_content:
            return "554 5.7.1 Message content rejected"
        name = "%d.%s" % (time.time_ns(), uuid.uuid4().hex)
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(b"X-Sink-Rcpt: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        return "250 Message accepted for delivery"
