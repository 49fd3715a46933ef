/* A Word document (.docx) written in the browser, for the protocol builder.
   A .docx is a zip of a few XML parts. This writes only what Word and LibreOffice need: the text,
   Word's own "heading 1-3", "List Bullet" and "List Number" styles (so the navigation pane and a
   table of contents work), and yellow highlighting on the parts still to fill in. The zip is
   stored, not compressed: the file is a few KB either way, and no compression code has to ship.
   Why not a library: docx 9.5.1's browser build is 152 KB gzip, twice the page's whole budget;
   this file is about 2.5 KB, and protocol-builder.js fetches it only when the Word button is pressed
   (README.md, "Office documents").
   Text only ever goes into XML through xmlText(), so what people type is never markup. */
(function () {
  "use strict";

  var W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  var XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  var REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  var CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

  /* Escaped, and without the characters XML 1.0 forbids (Word refuses the file otherwise). */
  function xmlText(text) {
    return String(text)
      .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function run(part) {
    var props = part.blank ? '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' : "";
    return "<w:r>" + props + '<w:t xml:space="preserve">' + xmlText(part.text) + "</w:t></w:r>";
  }

  function paragraph(style, runs, numId) {
    var numbering = numId ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="' + numId + '"/></w:numPr>' : "";
    var props = style ? '<w:pPr><w:pStyle w:val="' + style + '"/>' + numbering + "</w:pPr>" : "";
    return "<w:p>" + props + runs.map(run).join("") + "</w:p>";
  }

  /* Each numbered list gets its own numbering instance, so every list starts again at 1. */
  function documentParts(blocks) {
    var body = [];
    var numberedLists = 0;
    blocks.forEach(function (block) {
      if (block.kind === "heading") {
        body.push(paragraph("Heading" + block.level, block.items[0]));
      } else if (block.kind === "paragraph") {
        body.push(paragraph("", block.items[0]));
      } else {
        var numId = block.kind === "numbers" ? 2 + numberedLists++ : 1;
        block.items.forEach(function (item) {
          body.push(paragraph(block.kind === "numbers" ? "ListNumber" : "ListBullet", item, numId));
        });
      }
    });
    var instances = ['<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'];
    for (var n = 0; n < numberedLists; n++) {
      instances.push('<w:num w:numId="' + (2 + n) + '"><w:abstractNumId w:val="1"/>' +
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>');
    }
    return {
      document: XML + "<w:document " + W + "><w:body>" + body.join("") +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>' +
        "</w:sectPr></w:body></w:document>",
      numbering: XML + "<w:numbering " + W + ">" + level(0, "bullet", "\u2022") + level(1, "decimal", "%1.") +
        instances.join("") + "</w:numbering>"
    };
  }

  function level(id, format, text) {
    return '<w:abstractNum w:abstractNumId="' + id + '"><w:multiLevelType w:val="singleLevel"/>' +
      '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="' + format + '"/><w:lvlText w:val="' + text + '"/>' +
      '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>';
  }

  function headingStyle(number, size) {
    return '<w:style w:type="paragraph" w:styleId="Heading' + number + '"><w:name w:val="heading ' + number + '"/>' +
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>' +
      '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="' + (number === 1 ? 240 : 360) + '" w:after="120"/>' +
      '<w:outlineLvl w:val="' + (number - 1) + '"/></w:pPr><w:rPr><w:b/><w:sz w:val="' + size + '"/></w:rPr></w:style>';
  }

  function listStyle(id, name, numId) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' +
      '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
      '<w:pPr><w:numPr><w:numId w:val="' + numId + '"/></w:numPr><w:spacing w:after="80"/></w:pPr></w:style>';
  }

  var STYLES = XML + "<w:styles " + W + "><w:docDefaults><w:rPrDefault><w:rPr>" +
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="24"/><w:szCs w:val="24"/>' +
    '<w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/>' +
    "</w:pPr></w:pPrDefault></w:docDefaults>" +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    headingStyle(1, 36) + headingStyle(2, 30) + headingStyle(3, 26) +
    listStyle("ListBullet", "List Bullet", 1) + listStyle("ListNumber", "List Number", 2) + "</w:styles>";

  function packageParts(title, parts) {
    return [
      ["[Content_Types].xml", XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="' + CT + 'document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="' + CT + 'styles+xml"/>' +
        '<Override PartName="/word/numbering.xml" ContentType="' + CT + 'numbering+xml"/>' +
        '<Override PartName="/word/settings.xml" ContentType="' + CT + 'settings+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        "</Types>"],
      ["_rels/.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + 'officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        "</Relationships>"],
      ["docProps/core.xml", XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>' + xmlText(title) + "</dc:title><dc:language>en-GB</dc:language>" +
        "</cp:coreProperties>"],
      ["word/_rels/document.xml.rels", XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="' + REL + 'styles" Target="styles.xml"/>' +
        '<Relationship Id="rId2" Type="' + REL + 'numbering" Target="numbering.xml"/>' +
        '<Relationship Id="rId3" Type="' + REL + 'settings" Target="settings.xml"/></Relationships>'],
      ["word/document.xml", parts.document],
      ["word/styles.xml", STYLES],
      ["word/numbering.xml", parts.numbering],
      /* Without it, Word opens the file in "Compatibility Mode" (as if from Word 2007). */
      ["word/settings.xml", XML + "<w:settings " + W + '><w:compat><w:compatSetting w:name="compatibilityMode" ' +
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>']
    ];
  }

  var CRC_TABLE = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    CRC_TABLE.push(c >>> 0);
  }

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) {
      crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
  }

  /* Little-endian fields of a zip header: [value, byte count] pairs. */
  function header(fields) {
    var bytes = [];
    fields.forEach(function (field) {
      for (var i = 0; i < field[1]; i++) {
        bytes.push((field[0] >>> (8 * i)) & 0xff);
      }
    });
    return new Uint8Array(bytes);
  }

  /* A zip of stored entries with a fixed date (1 January 1980), so the same draft gives the same file. */
  function zip(entries) {
    var encoder = new TextEncoder();
    var chunks = [];
    var central = [];
    var offset = 0;
    entries.forEach(function (entry) {
      var name = encoder.encode(entry[0]);
      var data = encoder.encode(entry[1]);
      var crc = crc32(data);
      var common = [[20, 2], [0, 2], [0, 2], [0, 2], [0x21, 2], [crc, 4], [data.length, 4], [data.length, 4], [name.length, 2], [0, 2]];
      var local = header([[0x04034b50, 4]].concat(common));
      chunks.push(local, name, data);
      central.push(header([[0x02014b50, 4], [20, 2]].concat(common, [[0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]])), name);
      offset += local.length + name.length + data.length;
    });
    var size = central.reduce(function (total, chunk) { return total + chunk.length; }, 0);
    var end = header([[0x06054b50, 4], [0, 2], [0, 2], [entries.length, 2], [entries.length, 2], [size, 4], [offset, 4], [0, 2]]);
    return chunks.concat(central, [end]);
  }

  /* blocks: [{kind: "heading" (level 1-3) | "paragraph" | "bullets" | "numbers", items: [[{text, blank}]]}] */
  window.SaferPoliticsDocx = {
    type: CT + "document",
    fromBlocks: function (blocks, title) {
      return new Blob(zip(packageParts(title, documentParts(blocks))), { type: CT + "document" });
    }
  };
})();
