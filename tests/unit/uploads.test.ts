import { describe, expect, it } from "vitest";
import { cleanFileName, contentDisposition, detectKind } from "../../app/lib/uploads.server";

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe("upload type detection by magic bytes", () => {
  it("recognises the allowed kinds when the extension agrees", () => {
    expect(detectKind(text("%PDF-1.7\n..."), "a.pdf")).toBe("pdf");
    expect(detectKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), "a.PNG")).toBe("png");
    expect(detectKind(bytes(0xff, 0xd8, 0xff, 0xe0), "photo.jpeg")).toBe("jpeg");
    expect(detectKind(text("PK\u0003\u0004....[Content_Types].xml word/document.xml"), "a.docx")).toBe("docx");
    expect(detectKind(text("PK\u0003\u0004....[Content_Types].xml xl/workbook.xml"), "a.xlsx")).toBe("xlsx");
    expect(detectKind(text("名称,数量\n针车工,3\n"), "list.csv")).toBe("csv");
    expect(detectKind(text("hello"), "notes.txt")).toBe("txt");
    expect(detectKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0), "简历.DOC")).toBe("doc");
  });

  it("refuses a file whose bytes and name disagree, or an unknown kind", () => {
    expect(detectKind(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "a.pdf")).toBeNull();
    expect(detectKind(text("%PDF-1.7"), "a.png")).toBeNull();
    expect(detectKind(text("MZ\u0090\u0000"), "setup.pdf")).toBeNull();
    expect(detectKind(text("MZ\u0090\u0000"), "setup.exe")).toBeNull();
    expect(detectKind(text("<html><script>alert(1)</script>"), "page.html")).toBeNull();
    expect(detectKind(text("PK\u0003\u0004 plain zip"), "a.docx")).toBeNull();
    expect(detectKind(text("PK\u0003\u0004 [Content_Types].xml"), "a.zip")).toBeNull();
    expect(detectKind(bytes(0x41, 0x00, 0x42), "a.txt")).toBeNull();
    expect(detectKind(bytes(0xc3, 0x28), "a.txt")).toBeNull();
    expect(detectKind(new Uint8Array(), "empty.txt")).toBeNull();
    // An OLE2 file is legacy Office only under a .doc/.xls/.ppt name (not .msi or a renamed .pdf).
    const ole2 = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
    expect(detectKind(ole2, "a.doc")).toBe("doc");
    expect(detectKind(ole2, "a.xls")).toBe("xls");
    expect(detectKind(ole2, "setup.msi")).toBeNull();
    expect(detectKind(ole2, "a.pdf")).toBeNull();
  });

  it("recognises the kinds a caller may opt into (problem attachments): GIF, WebP, PPTX, ZIP, legacy Office", () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0];
    expect(detectKind(text("GIF89a\u0001\u0000"), "anim.gif")).toBe("gif");
    expect(detectKind(text("GIF87a"), "old.GIF")).toBe("gif");
    expect(detectKind(text("RIFF\u0010\u0000\u0000\u0000WEBPVP8 "), "photo.webp")).toBe("webp");
    expect(detectKind(text("PK\u0003\u0004....[Content_Types].xml ppt/presentation.xml"), "slides.pptx")).toBe("pptx");
    expect(detectKind(text("PK\u0003\u0004 scans/page1.png"), "scans.zip")).toBe("zip");
    expect(detectKind(bytes(...ole), "old.doc")).toBe("doc");
    expect(detectKind(bytes(...ole), "old.xls")).toBe("xls");
    expect(detectKind(bytes(...ole), "old.ppt")).toBe("ppt");
    // The name must still agree with the bytes.
    expect(detectKind(text("GIF89a"), "anim.png")).toBeNull();
    expect(detectKind(text("RIFF\u0010\u0000\u0000\u0000WAVEfmt "), "sound.webp")).toBeNull();
    expect(detectKind(bytes(...ole), "setup.msi")).toBeNull();
    expect(detectKind(bytes(...ole), "old.docx")).toBeNull();
    expect(detectKind(text("PK\u0003\u0004 scans/page1.png"), "scans.pptx")).toBeNull();
    expect(detectKind(text("PK\u0003\u0004 classes/Main.class"), "app.jar")).toBeNull();
  });
});

describe("file names", () => {
  it("keeps only a harmless base name", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\x\\报告.pdf")).toBe("报告.pdf");
    expect(cleanFileName('a\u0000b\r\n".pdf')).toBe("a_b___.pdf");
    expect(cleanFileName("...")).toBe("file");
    expect([...cleanFileName("长".repeat(500) + ".pdf")].length).toBe(200);
  });

  it("sends an attachment with an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("营业执照 2026.pdf")).toBe(
      "attachment; filename=\"____ 2026.pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%202026.pdf",
    );
    // A quote or semicolon in the name cannot open a second parameter.
    expect(contentDisposition('a"; filename=evil.html')).toMatch(
      /^attachment; filename="a__ filename=evil\.html"; filename\*=UTF-8''a_%3B%20filename%3Devil\.html$/,
    );
  });
});
